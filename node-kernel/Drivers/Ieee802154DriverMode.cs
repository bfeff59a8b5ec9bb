namespace SensorNet.NodeKernel.Drivers;

/// <summary>Which of Tock's two 802.15.4 userspace drivers serves 0x30001.</summary>
public enum Ieee802154DriverMode
{
    /// <summary><c>capsules/extra/src/ieee802154/driver.rs</c>: MAC framer, transmit = command 26, no radio-off command.</summary>
    Framer,

    /// <summary><c>capsules/extra/src/ieee802154/phy_driver.rs</c>: raw frames, transmit = command 27, radio on/off = 30/31.</summary>
    RawPhy,
}

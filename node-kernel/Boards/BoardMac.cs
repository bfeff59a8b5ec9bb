namespace SensorNet.NodeKernel.Boards;

/// <summary>The 802.15.4 MAC layer a board composes.</summary>
public enum BoardMac
{
    /// <summary><c>AwakeMac</c>: the receiver stays on (the only MAC Tock's boards use).</summary>
    Awake,

    /// <summary>X-MAC low-power listening with Tock's <c>xmac.rs</c> constants.</summary>
    XMac,
}

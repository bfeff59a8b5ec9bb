using SensorNet.NodeKernel.Userspace;
using SensorNet.NodeKernel.Userspace.Libtock;

namespace SensorNet.NodeKernel.Apps;

/// <summary>
/// An energy-aware sense-and-send app: before each period it reads the fuel gauge (MAX17205, driver 0x80001) and, when
/// the state of charge is below <paramref name="lowPercent"/>, stretches its period by <paramref name="stretch"/>. Sends
/// over 802.15.4 (sync style).
/// </summary>
/// <param name="periodMs">Normal period, in ms.</param>
/// <param name="lowPercent">State of charge below which the period is stretched, in %.</param>
/// <param name="stretch">Factor applied to the period when low.</param>
public sealed class EnergyAwareApp(uint periodMs = 10_000, double lowPercent = 50, uint stretch = 6) : UserProgram
{
    /// <inheritdoc/>
    public override string Name => "energy-aware";

    /// <summary>Periods run at the normal rate.</summary>
    public int NormalPeriods { get; private set; }

    /// <summary>Periods run stretched.</summary>
    public int StretchedPeriods { get; private set; }

    /// <summary>The last state of charge read, in %.</summary>
    public double LastPercent { get; private set; }

    /// <inheritdoc/>
    public override IEnumerable<UserOp> Main(UserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tock = new Libtock(context);
        uint config = context.RamStart + 1024;
        yield return UserOp.Call(tock.Sync.Ieee802154Up());

        while (true)
        {
            yield return UserOp.Call(LibtockSync.FuelGaugeReadStateOfCharge());

            LastPercent = context.Result.R2 / 256.0;
            bool low = LastPercent < lowPercent;
            yield return UserOp.Call(tock.Sync.SensorRead(0x60000).Concat(LibtockSync.Ieee802154Send(config, config + 16, 16, 0x0001)));

            if (low)
            {
                StretchedPeriods++;
            }
            else
            {
                NormalPeriods++;
            }

            yield return UserOp.Call(tock.Sync.AlarmDelayMs(low ? periodMs * stretch : periodMs));
        }
    }
}

using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.LoRa.LoRaWan;

/// <summary>
/// One transmitter's EU868 duty-cycle bookkeeping: when each sub-band opens again (<see cref="Eu868"/>, LoRaMac-node's
/// time-off rule: a frame of airtime T closes its sub-band for T·(1/d − 1) after it ends).
/// </summary>
public sealed class DutyCycle
{
    private readonly SimTime[] _openAt = new SimTime[Eu868.SubBandCount];

    /// <summary>The earliest instant at or after <paramref name="now"/> at which a frame may start on <paramref name="frequency"/>.</summary>
    public SimTime EarliestStart(Hertz frequency, SimTime now)
    {
        SimTime open = _openAt[Eu868.SubBand(frequency).Index];
        return open > now ? open : now;
    }

    /// <summary>Records a frame of <paramref name="airtime"/> started at <paramref name="start"/> on <paramref name="frequency"/>.</summary>
    public void Record(Hertz frequency, SimTime start, SimDuration airtime)
    {
        (int band, double dutyCycle) = Eu868.SubBand(frequency);
        _openAt[band] = start + airtime + SimDuration.FromSecondsRounded(airtime.TotalSeconds * ((1 / dutyCycle) - 1));
    }
}

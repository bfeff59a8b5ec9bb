using SensorNet.RadioModels.LoRa.Reception;
using SensorNet.SimEngine.Quantities;
using SensorNet.SimEngine.Time;

namespace SensorNet.RadioModels.Tests.LoRa.Reception;

internal static class SignalFactory
{
    public static SimTime Ms(double milliseconds) => new((long)Math.Round(milliseconds * 1e6));

    public static LoRaSignal Sig(int id, double startMs, double endMs, int sf, double dbm, double mhz = 868.1, double bwKhz = 125) =>
        new(id, Ms(startMs), Ms(endMs), Hertz.FromMegahertz(mhz), Hertz.FromKilohertz(bwKhz), sf, new Dbm(dbm));
}

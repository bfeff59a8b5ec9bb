using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Apps;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Processes;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Apps;

public class BleSenseAppTests
{
    [Fact]
    public void ReadingsGoIntoTheAdvertisement_AndTheProcessWakesOnlyToSense()
    {
        var sim = new Simulation();
        Board board = Board.Build(sim, 0, BoardDefinition.Nrf52840Dk with { ProcessConsole = false }, new UnlimitedSupply(), temperature: _ => 2345);
        var app = new BleSenseApp(periodMs: 10_000, intervalMs: 500);
        TockProcess p = board.Node.Load(app);
        board.Node.Boot();

        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(60)));

        Assert.Equal(6, app.Readings);
        // Advertising every 500 + 0–9 ms: about 118 events of three frames in 60 s, all driven by the kernel.
        Assert.InRange(board.BleRadio!.FramesSent, 3 * 112, 3 * 120);
        Assert.Equal(0, board.BleRadio.FramesSent % 3);
        // The process is dispatched a handful of times per reading (sensor and alarm), not per advertising event.
        Assert.InRange(p.Counters.Dispatches, 6, 6 * 6);
        byte[] payload = p.Context.Read(p.Context.RamStart + 1024, 8);
        Assert.Equal([7, 0xFF, 0xFF, 0xFF, 0x29, 0x09, 0, 0], payload); // 2345 = 0x0929
    }
}

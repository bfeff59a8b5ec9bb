using SensorNet.Energy.Storage;
using SensorNet.NodeKernel.Apps;
using SensorNet.NodeKernel.Boards;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Userspace.RadioLib;
using SensorNet.SimEngine;
using SensorNet.SimEngine.Time;
using Xunit.Abstractions;

namespace SensorNet.NodeKernel.Tests.Apps;

/// <summary>
/// The Tock LoRa uplink path (RadioLib over the LoRa SPI/GPIO drivers, libtock-c's alarm, the kernel loop) allocates
/// nothing per syscall or event in steady state: the scale benchmark runs hundreds of syscalls per node and uplink, so
/// any allocation there becomes garbage-collector work proportional to the network size. Counted, not timed.
/// </summary>
public class LoRaSenseAppAllocationTests(ITestOutputHelper output)
{
    [Theory]
    [InlineData(LoRaTransmitMode.InterruptDriven)]
    [InlineData(LoRaTransmitMode.Blocking)]
    public void UplinkCycles_AfterWarmUp_AllocateNoBytesPerSyscall(LoRaTransmitMode mode)
    {
        var sim = new Simulation();
        LoRaBoard board = LoRaBoards.Build(sim, 0, LoRaBoards.Apollo3LoRaThingsPlus, new UnlimitedSupply());
        var app = new LoRaSenseApp(mode, periodMs: 1_000, payloadBytes: 20, settings: new RadioLibLoRaSettings { SpreadingFactor = 9 });
        TockProcess p = board.Node.Load(app);
        board.Node.Boot();

        // Warm-up: begin() and a few cycles, so that lists, dictionaries and the event queue have reached their size.
        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(5)));
        long syscalls = p.Counters.TotalSyscalls, events = sim.EventsExecuted + sim.EventsAdvanced, packets = app.PacketsSent;
        long before = GC.GetAllocatedBytesForCurrentThread();
        sim.RunUntil(SimTime.FromStart(SimDuration.FromSeconds(25)));
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        syscalls = p.Counters.TotalSyscalls - syscalls;
        events = sim.EventsExecuted + sim.EventsAdvanced - events;
        packets = app.PacketsSent - packets;

        output.WriteLine($"{mode}: {packets} packets, {syscalls} syscalls, {events} kernel steps and events, {allocated} B allocated ({(double)allocated / packets:0} B/packet, {(double)allocated / syscalls:0.00} B/syscall)");
        Assert.True(packets >= 15, $"{packets} packets");
        Assert.True(syscalls > packets * 300, $"{syscalls} syscalls");
        // Nothing: RadioLib's calls, libtock-c's synchronous reads and delays are reusable routines, and the radio keeps
        // its modulation record while the settings do not change. One allocation per packet anywhere breaks this.
        Assert.Equal(0, allocated);
    }
}

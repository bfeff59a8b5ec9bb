using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Hardware;
using SensorNet.NodeKernel.Kernel;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using static SensorNet.NodeKernel.Tests.Support.Residency;

namespace SensorNet.NodeKernel.Tests.Drivers;

/// <summary>Single-value sensor driver (capsules/extra/src/temperature.rs): a read joins a running measurement.</summary>
public class SensorDriverTests
{
    private const uint Temperature = SensorDriver.Temperature;

    [Fact]
    public void ReadsWhileAMeasurementRuns_JoinIt_AndEveryReaderGetsTheValueOnce_ButNoOtherProcess()
    {
        var h = new KernelHarness(TestChips.Wfi1MHz(TestChips.Free));
        var backend = new ManualSensor(h.Kernel);
        var driver = new SensorDriver(h.Kernel, Temperature, backend);
        var upcalls = new int[3];
        var values = new List<uint>();
        h.Kernel.AddProcess(new ConformanceProgram("reader-a", ctx => Reader(ctx, 0, read: true)));
        h.Kernel.AddProcess(new ConformanceProgram("bystander", ctx => Reader(ctx, 1, read: false)));
        h.Kernel.AddProcess(new ConformanceProgram("reader-b", ctx => Reader(ctx, 2, read: true)));
        h.Kernel.Boot();
        h.RunFor(Ms(5));

        Assert.Equal(1, backend.Started); // the second read joined the first measurement
        backend.Finish(2250);
        h.RunFor(Ms(5));
        backend.Finish(2300); // a measurement nobody waits for any more reaches nobody
        h.RunFor(Ms(5));

        Assert.Equal([1, 0, 1], upcalls);
        Assert.Equal([2250u, 2250u], values);
        Assert.Equal(2, driver.Measurements);

        IEnumerable<UserOp> Reader(UserContext ctx, int index, bool read)
        {
            yield return UserOp.Subscribe(Temperature, 0, ctx.Function(args => Got(index, args)));
            if (read)
            {
                yield return UserOp.Command(Temperature, 1);
            }

            foreach (UserOp op in ConformanceProgram.WaitForever())
            {
                yield return op;
            }
        }

        IEnumerable<UserOp> Got(int index, UpcallArguments args)
        {
            upcalls[index]++;
            values.Add(args.Argument0);
            yield break;
        }
    }

    // A sensor whose measurement ends when the test says so: the value is handed over in the bottom half of its
    // interrupt, as Si7021 does (again with the same callback, if asked).
    private sealed class ManualSensor : ISensorBackend, IInterruptHandler
    {
        private const int Irq = 30;
        private readonly TockKernel _kernel;
        private Action<int>? _done;
        private int _value;

        public ManualSensor(TockKernel kernel)
        {
            _kernel = kernel;
            kernel.Interrupts.Register(Irq, this);
        }

        public bool IsBusy { get; private set; }

        public int Started { get; private set; }

        public long StartMeasurement(Action<int> done)
        {
            Started++;
            (_done, IsBusy) = (done, true);
            return 10;
        }

        public void Finish(int value)
        {
            _value = value;
            _kernel.Interrupts.Raise(Irq);
        }

        long IInterruptHandler.Service()
        {
            IsBusy = false;
            _done!(_value);
            return 10;
        }
    }
}

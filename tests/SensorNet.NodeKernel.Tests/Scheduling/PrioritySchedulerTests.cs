using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Scheduling;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Random;
using SensorNet.SimEngine.Time;
using static SensorNet.NodeKernel.Tests.Scheduling.SchedulingTestKit;

namespace SensorNet.NodeKernel.Tests.Scheduling;

/// <summary>
/// Fixed-priority scheduler (tock/tock <c>capsules/system/src/scheduler/priority.rs</c>): the lowest array index
/// that is ready runs, without a timeslice; <c>continue_process</c> is also false once a higher-priority (lower
/// index) process is ready.
/// </summary>
public class PrioritySchedulerTests
{
    private static readonly SimTime T0 = SimTime.Zero;

    // ----- Direct unit tests -------------------------------------------------------------------------------------

    [Fact]
    public void ChooseNext_PicksTheLowestReadyIndex_WithNoTimeslice_WhateverTheResults()
    {
        (PriorityScheduler s, TockProcess[] p) = Setup(3);

        Assert.Equal("priority", s.Name);
        foreach (StoppedReason reason in Enum.GetValues<StoppedReason>())
        {
            Assert.Equal(Run(0, null), D(s.ChooseNext(T0)));
            s.Result(reason, null);
        }

        SetReady(p[0], false);
        Assert.Equal(Run(1, null), D(s.ChooseNext(T0)));
        s.Result(StoppedReason.NoWorkLeft, null);
        Assert.Equal(Run(1, null), D(s.ChooseNext(T0)));
        SetReady(p[1], false);
        Assert.Equal(Run(2, null), D(s.ChooseNext(T0)));
        SetReady(p[0], true);
        Assert.Equal(Run(0, null), D(s.ChooseNext(T0)));
        SetReady(p[0], false);
        SetReady(p[2], false);
        Assert.Equal(Sleep, D(s.ChooseNext(T0)));
    }

    [Fact]
    public void ContinueProcess_IsFalseWhenAHigherPriorityProcessIsReadyOrKernelWorkIsPending()
    {
        (PriorityScheduler s, TockProcess[] p) = Setup(3);

        Assert.True(s.ContinueProcess(p[0], kernelWorkPending: false));   // 1 and 2 ready, but lower priority
        Assert.False(s.ContinueProcess(p[0], kernelWorkPending: true));
        Assert.False(s.ContinueProcess(p[1], kernelWorkPending: false));  // 0 is ready
        Assert.False(s.ContinueProcess(p[2], kernelWorkPending: false));

        SetReady(p[0], false);
        Assert.True(s.ContinueProcess(p[1], kernelWorkPending: false));
        Assert.False(s.ContinueProcess(p[1], kernelWorkPending: true));
        Assert.False(s.ContinueProcess(p[2], kernelWorkPending: false));  // 1 is ready

        SetReady(p[1], false);
        Assert.True(s.ContinueProcess(p[2], kernelWorkPending: false));
    }

    // ----- End-to-end schedules through the kernel ----------------------------------------------------------------

    [Fact]
    public void Kernel_LowerIndexAlwaysWins_AndResumesAfterAnInterrupt()
    {
        // P0 is CPU-bound from 0; the interrupt at 30 ms preempts it (30 ms booked), the bottom half takes 200 µs,
        // then P0 is picked again. P1 never runs.
        KernelHarness h = Harness(new PriorityScheduler());
        var device = new TestDevice(h.Kernel, serviceCycles: 200);
        TockProcess p0 = h.Kernel.AddProcess(CpuBound("p0"));
        TockProcess p1 = h.Kernel.AddProcess(CpuBound("p1"));
        device.RaiseAt(30_000);
        h.Kernel.Boot();

        h.RunFor(Us(100_000));

        Assert.Equal((2L, 1L, Ms(30)), (p0.Counters.Dispatches, p0.Counters.Preemptions, p0.Counters.CpuTimeNs));
        Assert.Equal(0, p1.Counters.Dispatches);
    }

    [Fact]
    public void Kernel_InterruptThatWakesTheHigherPriorityProcess_PreemptsTheLowerOne()
    {
        // P0: crt0 [0,2000), listens, Yield-WaitFor → NoWorkLeft. P1 (CPU-bound) from 2 000 µs. The interrupt at
        // 20 ms preempts P1 (18 ms booked); the bottom half [20000,20200) queues P0's event; P0 runs its 1 000 µs
        // [20200,21200) and waits again; P1 resumes at 21 200 µs. Stop at 30 ms.
        KernelHarness h = Harness(new PriorityScheduler());
        var device = new TestDevice(h.Kernel, serviceCycles: 200);
        TockProcess p0 = h.Kernel.AddProcess(new ScriptedProgram("waiter", _ => Waiter(1_000)));
        TockProcess p1 = h.Kernel.AddProcess(CpuBound("spinner"));
        device.RaiseAt(20_000);
        h.Kernel.Boot();

        h.RunFor(Us(30_000));

        Assert.Equal((2L, Ms(3), 1L), (p0.Counters.Dispatches, p0.Counters.CpuTimeNs, p0.Counters.WaitForDeliveries));
        Assert.Equal((2L, Ms(18), 1L), (p1.Counters.Dispatches, p1.Counters.CpuTimeNs, p1.Counters.Preemptions));
    }

    [Fact]
    public void Kernel_SyscallThatReadiesAHigherPriorityProcess_EndsTheRunWithoutAnyKernelWork()
    {
        // P0: crt0 [0,2000), waits. P1: crt0 [2000,4000), compute [4000,9000), then a command that queues P0's event.
        // continue_process is now false (P0 ready, index 0 < 1): KernelPreemption with no interrupt and no deferred
        // call pending. P0 runs [9000,10000); P1 resumes at 10 000 µs. Stop at 20 ms.
        KernelHarness h = Harness(new PriorityScheduler());
        _ = new TestDevice(h.Kernel, serviceCycles: 0);
        TockProcess p0 = h.Kernel.AddProcess(new ScriptedProgram("waiter", _ => Waiter(1_000)));
        TockProcess p1 = h.Kernel.AddProcess(new ScriptedProgram("kicker", _ => KickThenSpin(5_000, target: 0)));
        h.Kernel.Boot();

        h.RunFor(Us(20_000));

        Assert.Equal((2L, Ms(3)), (p0.Counters.Dispatches, p0.Counters.CpuTimeNs));
        Assert.Equal((2L, Ms(7), 1L), (p1.Counters.Dispatches, p1.Counters.CpuTimeNs, p1.Counters.Preemptions));
        Assert.Equal(0, h.Kernel.Counters.BottomHalves);
        Assert.Equal(0, h.Kernel.Counters.DeferredCalls);
    }

    // ----- Property test -------------------------------------------------------------------------------------------

    [Fact]
    public void Property_PicksTheFirstReadyIndex_AndContinueProcessMatchesTheRule()
    {
        for (ulong seed = 1; seed <= 40; seed++)
        {
            var rng = new RandomStream(seed * 7_919);
            int n = 1 + rng.NextInt32(6);
            (PriorityScheduler s, TockProcess[] p) = Setup(n);

            for (int step = 0; step < 300; step++)
            {
                foreach (TockProcess q in p)
                {
                    if (rng.NextInt32(3) == 0)
                    {
                        SetReady(q, !q.IsReady);
                    }
                }

                int firstReady = Array.FindIndex(p, q => q.IsReady);
                SchedulingDecision decision = s.ChooseNext(T0);
                Assert.Equal(firstReady < 0 ? Sleep : Run(firstReady, null), D(decision));

                TockProcess running = p[rng.NextInt32(n)];
                bool kernelWork = rng.NextInt32(4) == 0;
                bool higherReady = p.Take(running.Index).Any(q => q.IsReady);
                Assert.Equal(!kernelWork && !higherReady, s.ContinueProcess(running, kernelWork));
                if (!decision.IsTrySleep)
                {
                    s.Result(RandomReason(rng), null);
                }
            }
        }
    }

    private static (PriorityScheduler S, TockProcess[] P) Setup(int count)
    {
        var s = new PriorityScheduler();
        KernelHarness h = Harness(s);
        TockProcess[] p = AddProcesses(h, count);
        s.Initialize(h.Kernel.Processes);
        return (s, p);
    }

    private static IEnumerable<UserOp> KickThenSpin(long computeUs, uint target)
    {
        yield return UserOp.Compute(computeUs);
        yield return UserOp.Command(TestDevice.Number, TestDevice.Kick, target);
        foreach (UserOp op in Spin())
        {
            yield return op;
        }
    }
}

namespace SensorNet.NodeKernel.Chips;

/// <summary>
/// CPU cycles charged for the kernel's own work. Tock publishes few numbers: a syscall costs "~300 cycles, mostly
/// configuring MPU" on older ARM measurements (tock/tock <c>doc/wg/core/notes/core-notes-2020-05-08.md:93</c>) and
/// 400–1 200 cycles after OpenTitan's optimisations (<c>doc/wg/opentitan/notes/2020-05-07.md</c>). The split below
/// (handling + return to userspace ≈ 300, MPU reprogramming only when switching to another process, as
/// <c>arch/cortex-m/src/mpu.rs</c> tracks) is an engineering estimate (grade U) meant to be tuned per chip.
/// </summary>
/// <param name="Syscall">Trap and dispatch of one system call (any class).</param>
/// <param name="ContextSwitch">Entering userspace: context-switch hook, MPU enable, <c>switch_to</c>, and the return.</param>
/// <param name="MpuReconfiguration">Extra when the MPU is programmed for a different process than last time.</param>
/// <param name="GrantAllocation">Allocating a driver's grant on first use.</param>
/// <param name="BottomHalf">Dispatching one interrupt bottom half (the driver's own work is added).</param>
/// <param name="DeferredCall">Dispatching one deferred call (the client's own work is added).</param>
/// <param name="Scheduler">One scheduler decision and kernel-loop iteration.</param>
/// <param name="TaskDispatch">Dequeuing a task and setting up an upcall, or discarding a Null-Upcall value.</param>
/// <param name="SleepEntry">Masking interrupts, re-checking and executing WFI.</param>
public sealed record KernelCosts(
    long Syscall = 150,
    long ContextSwitch = 150,
    long MpuReconfiguration = 200,
    long GrantAllocation = 200,
    long BottomHalf = 150,
    long DeferredCall = 100,
    long Scheduler = 80,
    long TaskDispatch = 60,
    long SleepEntry = 40)
{
    /// <summary>The defaults documented above.</summary>
    public static KernelCosts Default { get; } = new();
}

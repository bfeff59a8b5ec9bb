namespace SensorNet.NodeKernel.Processes;

/// <summary>One entry of a process's task queue.</summary>
/// <param name="Kind">Function call or Null-Upcall return value.</param>
/// <param name="Upcall">The upcall it belongs to; for the init function, <see cref="ProcessTask.InitUpcall"/>.</param>
/// <param name="Argument0">First upcall argument (r0).</param>
/// <param name="Argument1">Second upcall argument (r1).</param>
/// <param name="Argument2">Third upcall argument (r2).</param>
/// <param name="Function">Userspace function address; 0 for a return value.</param>
/// <param name="AppData">Application data given at subscribe (r3 of the upcall).</param>
public readonly record struct ProcessTask(TaskKind Kind, UpcallId Upcall, uint Argument0, uint Argument1, uint Argument2, uint Function, uint AppData)
{
    /// <summary>Pseudo upcall id of the init function the kernel queues at (re)start (source: kernel).</summary>
    public static UpcallId InitUpcall { get; } = new(uint.MaxValue, uint.MaxValue);

    /// <summary>True for the kernel-queued init function.</summary>
    public bool IsInit => Upcall == InitUpcall;
}

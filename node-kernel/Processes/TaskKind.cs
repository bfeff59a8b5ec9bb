namespace SensorNet.NodeKernel.Processes;

/// <summary>Kinds of queued process tasks (tock/tock <c>kernel/src/process.rs</c> <c>enum Task</c>).</summary>
public enum TaskKind
{
    /// <summary>Call a userspace function: an upcall with a non-null function, or the kernel-queued init function.</summary>
    FunctionCall,

    /// <summary>An event whose upcall is the Null Upcall: wakes only Yield-WaitFor; discarded otherwise.</summary>
    ReturnValue,
}

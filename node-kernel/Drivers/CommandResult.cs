using SensorNet.NodeKernel.Syscalls;

namespace SensorNet.NodeKernel.Drivers;

/// <summary>A driver's answer to a command and the CPU cycles its work took.</summary>
/// <param name="Return">The system call return value.</param>
/// <param name="Cycles">CPU cycles of the driver's work, on top of the kernel's syscall cost.</param>
public readonly record struct CommandResult(SyscallReturn Return, long Cycles = 0)
{
    /// <summary>Plain success.</summary>
    public static CommandResult Success(long cycles = 0) => new(SyscallReturn.Success(), cycles);

    /// <summary>Success with one value.</summary>
    public static CommandResult SuccessU32(uint value, long cycles = 0) => new(SyscallReturn.SuccessU32(value), cycles);

    /// <summary>Failure with an error code.</summary>
    public static CommandResult Failure(Syscalls.ErrorCode error, long cycles = 0) => new(SyscallReturn.Failure(error), cycles);
}

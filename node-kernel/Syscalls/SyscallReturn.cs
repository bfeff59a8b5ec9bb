namespace SensorNet.NodeKernel.Syscalls;

/// <summary>
/// What a system call leaves in the registers: the variant (r0) and up to three values (r1–r3). For failures
/// <see cref="R1"/> holds the <see cref="ErrorCode"/>.
/// </summary>
/// <param name="Variant">Return variant.</param>
/// <param name="R1">First value register.</param>
/// <param name="R2">Second value register.</param>
/// <param name="R3">Third value register.</param>
public readonly record struct SyscallReturn(ReturnVariant Variant, uint R1 = 0, uint R2 = 0, uint R3 = 0)
{
    /// <summary>True for the success variants (and the yield results).</summary>
    public bool IsSuccess => Variant >= ReturnVariant.Success;

    /// <summary>The error code of a failure.</summary>
    /// <exception cref="InvalidOperationException">The call succeeded.</exception>
    public ErrorCode Error => IsSuccess ? throw new InvalidOperationException($"{Variant} carries no error code.") : (ErrorCode)R1;

    /// <summary>Plain success.</summary>
    public static SyscallReturn Success() => new(ReturnVariant.Success);

    /// <summary>Success with one value.</summary>
    public static SyscallReturn SuccessU32(uint value) => new(ReturnVariant.SuccessU32, value);

    /// <summary>Success with two values.</summary>
    public static SyscallReturn SuccessU32U32(uint a, uint b) => new(ReturnVariant.SuccessU32U32, a, b);

    /// <summary>Failure with an error code.</summary>
    public static SyscallReturn Failure(ErrorCode error) => new(ReturnVariant.Failure, (uint)error);

    /// <summary>Failure with an error code and the two values passed in (subscribe and allow swap semantics).</summary>
    public static SyscallReturn FailureU32U32(ErrorCode error, uint a, uint b) => new(ReturnVariant.FailureU32U32, (uint)error, a, b);
}

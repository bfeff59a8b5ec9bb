namespace SensorNet.NodeKernel.Syscalls;

/// <summary>System call return variants, the value placed in r0 (TRD104 §3.3, <c>TRD104SyscallReturnVariant</c>).</summary>
public enum ReturnVariant
{
    /// <summary>Failure with an error code.</summary>
    Failure = 0,

    /// <summary>Failure with an error code and one 32-bit value.</summary>
    FailureU32 = 1,

    /// <summary>Failure with an error code and two 32-bit values (subscribe and allow failures return what was passed in).</summary>
    FailureU32U32 = 2,

    /// <summary>Failure with an error code and one 64-bit value.</summary>
    FailureU64 = 3,

    /// <summary>Success.</summary>
    Success = 128,

    /// <summary>Success with one 32-bit value.</summary>
    SuccessU32 = 129,

    /// <summary>Success with two 32-bit values (subscribe and allow return the previous values).</summary>
    SuccessU32U32 = 130,

    /// <summary>Success with one 64-bit value.</summary>
    SuccessU64 = 131,

    /// <summary>Success with three 32-bit values.</summary>
    SuccessU32U32U32 = 132,

    /// <summary>Success with a 32-bit and a 64-bit value.</summary>
    SuccessU32U64 = 133,

    /// <summary>Not a TRD104 variant: the three upcall values a Yield-WaitFor writes straight into r0–r2.</summary>
    YieldWaitFor = 0x1000,

    /// <summary>Not a TRD104 variant: Yield-NoWait's result (whether an upcall ran), written through its r1 pointer.</summary>
    YieldNoWait = 0x1001,
}

using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Userspace;

namespace SensorNet.NodeKernel.Tests.Support;

/// <summary>Program bodies for conformance tests: a fixed sequence of operations, then an idle event loop.</summary>
internal static class UserOps
{
    /// <summary>Runs <paramref name="ops"/>, then Yield-Waits forever.</summary>
    public static IEnumerable<UserOp> Then(params UserOp[] ops) => Then((IEnumerable<UserOp>)ops);

    /// <summary>Runs <paramref name="ops"/>, then Yield-Waits forever.</summary>
    public static IEnumerable<UserOp> Then(IEnumerable<UserOp> ops)
    {
        foreach (UserOp op in ops)
        {
            yield return op;
        }

        foreach (UserOp op in ConformanceProgram.WaitForever())
        {
            yield return op;
        }
    }

    /// <summary>Runs <paramref name="ops"/>, recording each one's result, then Yield-Waits forever.</summary>
    public static IEnumerable<UserOp> Recorded(UserContext ctx, List<SyscallReturn> results, params UserOp[] ops)
    {
        foreach (UserOp op in ops)
        {
            yield return op;
            results.Add(ctx.Result);
        }

        foreach (UserOp op in ConformanceProgram.WaitForever())
        {
            yield return op;
        }
    }
}

namespace SensorNet.NodeKernel.Userspace;

/// <summary>
/// A Tock application: what runs in one process. Subclasses write <see cref="Main"/> as an iterator of
/// <see cref="UserOp"/>s in the order the real app would compute and trap; the kernel runs it as libtock-c's crt0
/// does: three memop calls, then main, then exit-terminate if main returns (<c>libtock-c/libtock/crt0.c</c>).
/// </summary>
public abstract class UserProgram
{
    /// <summary>Cycles crt0 spends before main (copying data, zeroing bss); a parameter, default 2 000 (U).</summary>
    public virtual long StartupCycles => 2_000;

    /// <summary>App name.</summary>
    public abstract string Name { get; }

    /// <summary>RAM the app asks for: libtock-c defaults STACK_SIZE 2048 + APP_HEAP_SIZE 1024 + KERNEL_HEAP_SIZE 1024 plus data.</summary>
    public virtual int RamBytes => 4_096 + 512;

    /// <summary>Size of the app binary in flash, in bytes (credential checking at load hashes it).</summary>
    public virtual int BinaryBytes => 16_384;

    /// <summary>The app's main function.</summary>
    /// <param name="context">Registers, function table and layout of the process.</param>
    public abstract IEnumerable<UserOp> Main(UserContext context);

    /// <summary>crt0: memop(0, app_brk), memop(10, stack top), memop(11, app_brk), startup work, main, exit(0).</summary>
    internal IEnumerable<UserOp> Start(UserContext context)
    {
        yield return UserOp.Memop(0, context.AppBreak);
        yield return UserOp.Memop(10, context.AppBreak);
        yield return UserOp.Memop(11, context.AppBreak);
        yield return UserOp.Compute(StartupCycles);
        yield return UserOp.Call(Main(context));

        yield return UserOp.Exit(0, 0);
    }
}

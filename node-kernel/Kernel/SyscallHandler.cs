using SensorNet.NodeKernel.Drivers;
using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Syscalls;
using SensorNet.NodeKernel.Userspace;

namespace SensorNet.NodeKernel.Kernel;

/// <summary>
/// The system call arms of <c>Kernel::handle_syscall</c> (tock/tock <c>kernel/src/kernel.rs</c>) with TRD104's swap
/// semantics. Handled inline: after a syscall the same process continues unless kernel work is pending.
/// </summary>
/// <remarks>
/// An out-of-range subscribe or allow number is answered with NOSUPPORT (an inference from the grant code; TRD104
/// does not specify it). Address checks: read-write buffers must lie below the app break; read-only buffers may also
/// lie in the app's flash; zero-length buffers may have any address (TRD104 §4.4); overlapping or repeated buffers are
/// accepted, as in Tock.
/// </remarks>
internal static class SyscallHandler
{
    /// <summary>Start of the app's flash image (functions live here).</summary>
    public const uint FlashStart = 0x0004_0000;

    /// <summary>Applies the syscall and stores its return value; returns the extra cycles of driver work.</summary>
    public static long Handle(TockKernel kernel, TockProcess p, in UserOp op)
    {
        switch (op.Class)
        {
            case SyscallClass.Yield:
                Yield(p, op);
                return 0;
            case SyscallClass.Subscribe:
                p.Context.Result = Subscribe(kernel, p, op.R0, op.R1, op.R2, op.R3);
                return 0;
            case SyscallClass.Command:
                if (!kernel.TryCommand(op.R0, p, op.R1, op.R2, op.R3, out CommandResult r))
                {
                    p.Context.Result = SyscallReturn.Failure(ErrorCode.NoDevice);
                    return 0;
                }

                // Field by field: a driver writes its result in pieces of its own widths, and copying it as one 16-byte
                // block would load across those stores before they drain (no store forwarding), stalling every command.
                p.Context.Result = new SyscallReturn(r.Return.Variant, r.Return.R1, r.Return.R2, r.Return.R3);
                return r.Cycles;
            case SyscallClass.ReadWriteAllow:
            case SyscallClass.ReadOnlyAllow:
            case SyscallClass.UserspaceReadableAllow:
                p.Context.Result = Allow(kernel, p, op.Class, op.R0, op.R1, op.R2, op.R3);
                return 0;
            case SyscallClass.Memop:
                p.Context.Result = Memop(p, op.R0, op.R1);
                return 0;
            case SyscallClass.Exit:
                Exit(p, op.R0, op.R1);
                return 0;
            default:
                p.Context.Result = SyscallReturn.Failure(ErrorCode.NoSupport);
                return 0;
        }
    }

    private static void Yield(TockProcess p, in UserOp op)
    {
        switch ((YieldVariant)op.R0)
        {
            case YieldVariant.NoWait:
                bool hasTasks = p.Tasks.Count > 0;
                p.Context.Result = new SyscallReturn(ReturnVariant.YieldNoWait, hasTasks ? 1u : 0u);
                if (hasTasks)
                {
                    p.SetYielded();
                }

                break;
            case YieldVariant.Wait:
                p.Context.Result = SyscallReturn.Success();
                p.SetYielded();
                break;
            case YieldVariant.WaitFor:
                p.SetYieldedFor(new UpcallId(op.R1, op.R2));
                break;
            default:
                p.Context.Result = SyscallReturn.Failure(ErrorCode.NoSupport);
                break;
        }
    }

    private static SyscallReturn Subscribe(TockKernel kernel, TockProcess p, uint driverNumber, uint subscribeNumber, uint function, uint appData)
    {
        // tock/tock kernel/src/kernel.rs Subscribe arm: the function pointer is checked
        // (is_valid_upcall_function_pointer → INVAL) before the driver lookup (NODEVICE).
        if (function != 0 && !p.Context.IsFunction(function))
        {
            return SyscallReturn.FailureU32U32(ErrorCode.Inval, function, appData);
        }

        if (kernel.Driver(driverNumber) is not { } driver)
        {
            return SyscallReturn.FailureU32U32(ErrorCode.NoDevice, function, appData);
        }

        if (subscribeNumber >= driver.UpcallCount)
        {
            return SyscallReturn.FailureU32U32(ErrorCode.NoSupport, function, appData);
        }

        if (!kernel.EnterGrant(p, driverNumber))
        {
            return SyscallReturn.FailureU32U32(ErrorCode.NoMem, function, appData);
        }

        var id = new UpcallId(driverNumber, subscribeNumber);
        p.TrySubscribe(id, function, appData, out (uint Function, uint AppData) previous);
        p.Tasks.RemoveFunctionCalls(id);
        return SyscallReturn.SuccessU32U32(previous.Function, previous.AppData);
    }

    private static SyscallReturn Allow(TockKernel kernel, TockProcess p, SyscallClass kind, uint driverNumber, uint number, uint address, uint length)
    {
        if (kernel.Driver(driverNumber) is not { } driver)
        {
            return SyscallReturn.FailureU32U32(ErrorCode.NoDevice, address, length);
        }

        int slots = kind == SyscallClass.ReadOnlyAllow ? driver.ReadOnlyAllowCount : driver.ReadWriteAllowCount;
        if (number >= slots)
        {
            return SyscallReturn.FailureU32U32(ErrorCode.NoSupport, address, length);
        }

        if (length > 0 && !Accessible(p, kind, address, length))
        {
            return SyscallReturn.FailureU32U32(ErrorCode.Inval, address, length);
        }

        if (kind == SyscallClass.UserspaceReadableAllow)
        {
            (uint a, uint l) = p.SwapAllow(driverNumber, number, kind, address, length);
            return SyscallReturn.SuccessU32U32(a, l);
        }

        if (!kernel.EnterGrant(p, driverNumber))
        {
            return SyscallReturn.FailureU32U32(ErrorCode.NoMem, address, length);
        }

        (uint prevAddress, uint prevLength) = p.SwapAllow(driverNumber, number, kind, address, length);
        return SyscallReturn.SuccessU32U32(prevAddress, prevLength);
    }

    // tock/tock kernel/src/process_standard.rs build_readwrite_process_buffer checks only that the buffer lies in
    // app-owned memory; TRD104 §4.4: "it is possible for userspace to allow the same buffer multiple times".
    private static bool Accessible(TockProcess p, SyscallClass kind, uint address, uint length) =>
        p.Memory.ContainsAppBuffer(address, length)
        || (kind == SyscallClass.ReadOnlyAllow && address >= FlashStart && (ulong)address + length <= FlashStart + (ulong)p.Program.BinaryBytes);

    private static SyscallReturn Memop(TockProcess p, uint operation, uint argument)
    {
        ProcessMemory m = p.Memory;
        switch (operation)
        {
            case 0:
                return Brk(p, argument);
            case 1:
                uint old = m.AppBreak;
                long target = (long)old + (int)argument;
                return target is < 0 or > uint.MaxValue || Brk(p, (uint)target).Variant != ReturnVariant.Success
                    ? SyscallReturn.Failure(ErrorCode.NoMem)
                    : SyscallReturn.SuccessU32(old);
            case 2:
                return SyscallReturn.SuccessU32(m.Start);
            case 3:
                return SyscallReturn.SuccessU32(m.End);
            case 4:
                return SyscallReturn.SuccessU32(FlashStart);
            case 5:
                return SyscallReturn.SuccessU32(FlashStart + (uint)p.Program.BinaryBytes);
            case 6:
                return SyscallReturn.SuccessU32(m.KernelBreak);
            case 7:
                return SyscallReturn.SuccessU32(0);
            case 8:
            case 9:
                return SyscallReturn.Failure(ErrorCode.Inval);
            case 10:
            case 11:
                return SyscallReturn.Success();
            default:
                return SyscallReturn.Failure(ErrorCode.NoSupport);
        }
    }

    private static SyscallReturn Brk(TockProcess p, uint newBreak)
    {
        if (!p.Memory.TrySetBreak(newBreak))
        {
            return SyscallReturn.Failure(ErrorCode.NoMem);
        }

        p.Context.AppBreak = newBreak;
        return SyscallReturn.Success();
    }

    private static void Exit(TockProcess p, uint which, uint completionCode)
    {
        switch (which)
        {
            case 0:
                p.Terminate(completionCode);
                break;
            case 1:
                p.Restart(completionCode);
                break;
            default:
                p.Context.Result = SyscallReturn.Failure(ErrorCode.NoSupport);
                break;
        }
    }
}

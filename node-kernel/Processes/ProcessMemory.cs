using System.Globalization;

namespace SensorNet.NodeKernel.Processes;

/// <summary>
/// A process's RAM block (tock/tock <c>kernel/src/process_standard.rs</c>, layout comment at line 446): from the
/// bottom, stack, data and heap grow up to the app break; from the top, grant pointers, the upcall queue and the
/// process control block are fixed, and grant regions grow down to the kernel break. A grant or a brk that would
/// make the two meet fails with NOMEM for this process only.
/// </summary>
/// <remarks>
/// <b>Scope:</b> sizes and addresses only (no contents). The block size follows the Cortex-M MPU rule
/// (<c>arch/cortex-m/src/mpu.rs</c> <c>allocate_app_memory_region</c>): the request rounded up to a power of two, at
/// least 512 B, doubled when app memory would reach the kernel part.
/// </remarks>
public sealed class ProcessMemory
{
    /// <summary>Bytes per queued task (<c>size_of::&lt;Task&gt;()</c> with 32-bit words, an inference in the reference).</summary>
    public const int TaskBytes = 32;

    /// <summary>Creates the memory block of a process.</summary>
    /// <param name="start">Lowest address of the block.</param>
    /// <param name="appBytes">RAM the app asks for (TBF minimum RAM: stack, data, heap, kernel heap).</param>
    /// <param name="grantPointerCount">Grants the board created (one pointer each, used or not).</param>
    /// <param name="processControlBlockBytes">Size of the kernel's process struct.</param>
    public ProcessMemory(uint start, int appBytes, int grantPointerCount, int processControlBlockBytes = 256)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(appBytes);
        ArgumentOutOfRangeException.ThrowIfNegative(grantPointerCount);
        InitialKernelBytes = Align(grantPointerCount * 8, 8) + Align(TaskQueue.Slots * TaskBytes, 8) + Align(processControlBlockBytes, 8);
        long size = Math.Max(512, RoundUpPowerOfTwo(appBytes + InitialKernelBytes));
        // App memory grows in 1/16 steps of the block (MPU subregions); if they would reach kernel memory, double.
        while (Align(appBytes, (int)(size / 16)) > size - InitialKernelBytes)
        {
            size *= 2;
        }

        Start = start;
        Size = (uint)size;
        AppBytes = appBytes;
        Reset();
    }

    /// <summary>Lowest address.</summary>
    public uint Start { get; }

    /// <summary>Block size in bytes (a power of two).</summary>
    public uint Size { get; }

    /// <summary>One past the highest address.</summary>
    public uint End => Start + Size;

    /// <summary>RAM the app asked for.</summary>
    public int AppBytes { get; }

    /// <summary>Bytes at the top that the kernel uses from the start (grant pointers, upcall queue, process struct).</summary>
    public int InitialKernelBytes { get; }

    /// <summary>Upper end of the app's memory (grows up with brk/sbrk).</summary>
    public uint AppBreak { get; private set; }

    /// <summary>Lower end of the kernel's memory (moves down as grants are allocated).</summary>
    public uint KernelBreak { get; private set; }

    /// <summary>Bytes allocated to grants so far.</summary>
    public int GrantBytes { get; private set; }

    /// <summary>Free bytes between the app break and the kernel break.</summary>
    public long FreeBytes => (long)KernelBreak - AppBreak;

    /// <summary>Allocates <paramref name="bytes"/> in the grant region (<c>allocate_in_grant_region_internal</c>).</summary>
    /// <returns>False, changing nothing, if it would cross the app break.</returns>
    public bool TryAllocateGrant(int bytes, int alignment = 4)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(bytes);
        alignment = Math.Max(2, alignment);
        long newBreak = ((long)KernelBreak - bytes) & ~(long)(alignment - 1);
        if (newBreak < AppBreak)
        {
            return false;
        }

        GrantBytes += (int)(KernelBreak - newBreak);
        KernelBreak = (uint)newBreak;
        return true;
    }

    /// <summary>Moves the app break (<c>memop</c> brk).</summary>
    /// <returns>False if the new break lies below the block or above the kernel break (tock/tock
    /// <c>process_standard.rs</c> <c>brk</c>: OutOfMemory only when above <c>kernel_memory_break</c>).</returns>
    public bool TrySetBreak(uint newBreak)
    {
        if (newBreak < Start || newBreak > KernelBreak)
        {
            return false;
        }

        AppBreak = newBreak;
        return true;
    }

    /// <summary>True if [address, address + length) lies in the app's accessible RAM.</summary>
    public bool ContainsAppBuffer(uint address, uint length) =>
        address >= Start && (ulong)address + length <= AppBreak;

    /// <summary>Restores the layout at process creation (restart frees all grants).</summary>
    public void Reset()
    {
        AppBreak = Start + (uint)AppBytes;
        KernelBreak = End - (uint)InitialKernelBytes;
        GrantBytes = 0;
    }

    /// <summary>Describes the layout.</summary>
    public override string ToString() => string.Create(
        CultureInfo.InvariantCulture,
        $"[0x{Start:X8}, 0x{End:X8}) app break 0x{AppBreak:X8}, kernel break 0x{KernelBreak:X8}, grants {GrantBytes} B");

    private static int Align(int value, int alignment) => (value + alignment - 1) / alignment * alignment;

    private static long RoundUpPowerOfTwo(long v)
    {
        long p = 1;
        while (p < v)
        {
            p <<= 1;
        }

        return p;
    }
}

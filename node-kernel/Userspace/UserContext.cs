using SensorNet.NodeKernel.Syscalls;

namespace SensorNet.NodeKernel.Userspace;

/// <summary>
/// What a program sees of its process: the registers after the last system call, the function table that gives
/// upcall functions their userspace addresses, and its memory layout.
/// </summary>
public sealed class UserContext
{
    /// <summary>Address of the first function; functions sit 4 bytes apart as in flash.</summary>
    public const uint FirstFunctionAddress = 0x0004_0001;

    private readonly List<Func<UpcallArguments, IEnumerable<UserOp>>> _functions = [];
    // RAM contents in pages allocated on first write; a page never written reads as zeros. Apps touch a few hundred
    // bytes of their block (allowed buffers), so a 100,000-node run keeps those rather than every node's whole block.
    private const int PageBytes = 512;
    private byte[]?[] _pages = [];
    private uint _ramSize;

    internal UserContext(int processIndex)
    {
        ProcessIndex = processIndex;
    }

    /// <summary>Index of the process on its node.</summary>
    public int ProcessIndex { get; }

    /// <summary>The return value of the last system call.</summary>
    public SyscallReturn Result { get; internal set; }

    /// <summary>Passes the kernel repeated at the last <see cref="UserOp.RepeatPass"/> (0 if it ran none).</summary>
    public int PassesRepeated { get; internal set; }

    /// <summary>Lowest RAM address of the process.</summary>
    public uint RamStart { get; internal set; }

    /// <summary>The app break (end of the heap).</summary>
    public uint AppBreak { get; internal set; }

    /// <summary>
    /// Registers an upcall function and returns its address, to be passed to subscribe. Functions are code: register
    /// them once (for example in the program's constructor or at the start of main), not per call.
    /// </summary>
    public uint Function(Func<UpcallArguments, IEnumerable<UserOp>> body)
    {
        ArgumentNullException.ThrowIfNull(body);
        _functions.Add(body);
        return FirstFunctionAddress + (uint)((_functions.Count - 1) * 4);
    }

    /// <summary>True if <paramref name="address"/> is a registered function (the kernel's executable-memory check).</summary>
    public bool IsFunction(uint address) => TryGetFunction(address, out _);

    internal bool TryGetFunction(uint address, out Func<UpcallArguments, IEnumerable<UserOp>> body)
    {
        uint offset = address - FirstFunctionAddress;
        if (address >= FirstFunctionAddress && offset % 4 == 0 && offset / 4 < (uint)_functions.Count)
        {
            body = _functions[(int)(offset / 4)];
            return true;
        }

        body = null!;
        return false;
    }

    internal void ClearFunctions() => _functions.Clear();

    /// <summary>
    /// Stores <paramref name="bytes"/> in the process's RAM at <paramref name="address"/>, as userspace code writing a
    /// buffer before it allows it to a driver.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves the process's RAM block.</exception>
    public void Write(uint address, ReadOnlySpan<byte> bytes)
    {
        int offset = Offset(address, bytes.Length);
        while (!bytes.IsEmpty)
        {
            (int page, int within) = Math.DivRem(offset, PageBytes);
            int n = Math.Min(bytes.Length, PageBytes - within);
            bytes[..n].CopyTo((_pages[page] ??= new byte[PageBytes]).AsSpan(within, n));
            bytes = bytes[n..];
            offset += n;
        }
    }

    /// <summary>
    /// A copy of <paramref name="length"/> bytes of the process's RAM at <paramref name="address"/>; drivers read
    /// allowed buffers this way (<c>ReadableProcessBuffer::enter</c>) and write into them with <see cref="Write"/>.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves the process's RAM block.</exception>
    public byte[] Read(uint address, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        byte[] copy = new byte[length];
        Read(address, copy);
        return copy;
    }

    /// <summary>
    /// Copies <paramref name="destination"/>.Length bytes of the process's RAM at <paramref name="address"/> into
    /// <paramref name="destination"/>: <see cref="Read(uint, int)"/> without allocating.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The range leaves the process's RAM block.</exception>
    public void Read(uint address, Span<byte> destination)
    {
        int offset = Offset(address, destination.Length);
        while (!destination.IsEmpty)
        {
            (int page, int within) = Math.DivRem(offset, PageBytes);
            int n = Math.Min(destination.Length, PageBytes - within);
            if (_pages[page] is { } bytes)
            {
                bytes.AsSpan(within, n).CopyTo(destination);
            }
            else
            {
                destination[..n].Clear();
            }

            destination = destination[n..];
            offset += n;
        }
    }

    /// <summary>Sizes the RAM to the block and zeroes it (process start and restart).</summary>
    internal void ResetMemory(uint size)
    {
        int pages = (int)((size + PageBytes - 1) / PageBytes);
        if (_pages.Length == pages)
        {
            Array.Clear(_pages);
        }
        else
        {
            _pages = new byte[]?[pages];
        }

        _ramSize = size;
    }

    // The offset of [address, address + length) in the block [RamStart, RamStart + size); the kernel's allow checks
    // decide what userspace may hand out.
    private int Offset(uint address, int length)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(length);
        long offset = (long)address - RamStart;
        if (offset < 0 || offset + length > _ramSize)
        {
            throw new ArgumentOutOfRangeException(
                nameof(address),
                address,
                $"[0x{address:X8}, +{length}) is outside the process RAM [0x{RamStart:X8}, 0x{RamStart + _ramSize:X8}).");
        }

        return (int)offset;
    }
}

using SensorNet.NodeKernel.Processes;
using SensorNet.NodeKernel.Tests.Support;
using SensorNet.NodeKernel.Userspace;
using SensorNet.SimEngine.Time;

namespace SensorNet.NodeKernel.Tests.Userspace;

/// <summary>A process's RAM contents as <see cref="UserContext"/> keeps them: zeroed at start, written and read by range.</summary>
public class UserContextTests
{
    [Fact]
    public void WritesAcrossPageBoundaries_ReadBack_AndTheRestOfTheBlockStaysZero()
    {
        var program = new RamProgram((context, _) =>
        {
            uint start = context.RamStart;
            byte[] pattern = [.. Enumerable.Range(1, 1500).Select(i => (byte)i)];
            context.Write(start + 500, pattern); // spans the 512-, 1024- and 1536-byte marks
            Assert.Equal(pattern, context.Read(start + 500, pattern.Length));
            Assert.Equal(pattern.AsSpan(10, 30).ToArray(), context.Read(start + 510, 30));
            Assert.All(context.Read(start, 500), b => Assert.Equal(0, b));
            Assert.All(context.Read(start + 2000, 1000), b => Assert.Equal(0, b));
            Span<byte> around = stackalloc byte[4];
            context.Read(start + 498, around);
            Assert.Equal([0, 0, 1, 2], around.ToArray());
        });

        Run(program);

        Assert.Equal(1, program.Runs);
    }

    [Fact]
    public void TheWholeBlockIsAddressable_AndNothingOutsideIt()
    {
        var program = new RamProgram((context, blockBytes) =>
        {
            uint start = context.RamStart;
            uint end = start + blockBytes;
            context.Write(end - 3, [7, 8, 9]);
            Assert.Equal([7, 8, 9], context.Read(end - 3, 3));
            var past = Assert.Throws<ArgumentOutOfRangeException>(() => context.Write(end - 2, [1, 2, 3]));
            Assert.Contains("outside the process RAM", past.Message, StringComparison.Ordinal);
            Assert.Throws<ArgumentOutOfRangeException>(() => context.Read(start - 1, 1));
            Assert.Throws<ArgumentOutOfRangeException>(() => context.Read(start, -1));
            Assert.Equal([0, 0, 7, 8, 9], context.Read(end - 5, 5)); // the refused write changed nothing
        });

        Run(program);

        Assert.Equal(1, program.Runs);
    }

    [Fact]
    public void ARestartedProcess_FindsItsRamZeroedAgain()
    {
        var seen = new List<byte[]>();
        var program = new RamProgram((context, _) =>
        {
            seen.Add(context.Read(context.RamStart + 1000, 100));
            context.Write(context.RamStart + 1000, [.. Enumerable.Repeat((byte)0xAB, 100)]);
        }, restartOnce: true);

        Run(program);

        Assert.Equal(2, program.Runs);
        Assert.All(seen, bytes => Assert.All(bytes, b => Assert.Equal(0, b)));
    }

    private static void Run(RamProgram program)
    {
        var harness = new KernelHarness();
        TockProcess p = harness.Kernel.AddProcess(program);
        program.BlockBytes = p.Memory.Size;
        harness.Kernel.Boot();
        harness.RunFor(SimDuration.FromSeconds(1));
    }

    private sealed class RamProgram(Action<UserContext, uint> body, bool restartOnce = false) : UserProgram
    {
        // The whole block, the kernel's part at its top included: what the context lets drivers address.
        public uint BlockBytes { get; set; }

        public override string Name => "ram";

        public int Runs { get; private set; }

        public override IEnumerable<UserOp> Main(UserContext context)
        {
            Runs++;
            body(context, BlockBytes);
            yield return UserOp.Exit(restartOnce && Runs == 1 ? 1u : 0u, 0);
        }
    }
}

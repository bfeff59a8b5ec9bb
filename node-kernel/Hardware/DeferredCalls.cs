using System.Numerics;

namespace SensorNet.NodeKernel.Hardware;

/// <summary>
/// Tock's deferred calls (tock/tock <c>kernel/src/deferred_call.rs</c>): at most 32, a 32-bit pending set, serviced
/// lowest index (creation order) first. Setting a pending call again gives one callback. A pending deferred call
/// vetoes sleep and preempts a running process; it needs no hardware wake-up.
/// </summary>
public sealed class DeferredCalls
{
    /// <summary>Most deferred calls a kernel supports ("By default this is set to 32").</summary>
    public const int Capacity = 32;

    private readonly IDeferredCallClient?[] _clients = new IDeferredCallClient?[Capacity];
    private uint _pending;
    private int _created;

    /// <summary>Raised when a call becomes pending.</summary>
    internal Action? Raised { get; set; }

    /// <summary>True if any call is pending (<c>has_tasks</c>).</summary>
    public bool HasTasks => _pending != 0;

    /// <summary>Calls serviced so far.</summary>
    public long Serviced { get; private set; }

    /// <summary>Creates and registers a deferred call (<c>DeferredCall::new</c> + <c>register</c>).</summary>
    /// <returns>The call's index.</returns>
    /// <exception cref="InvalidOperationException">More than 32 calls (Tock's <c>verify_setup</c> panics: "too many deferred calls").</exception>
    public int Create(IDeferredCallClient client)
    {
        ArgumentNullException.ThrowIfNull(client);
        if (_created == Capacity)
        {
            throw new InvalidOperationException($"ERROR: too many deferred calls: {_created + 1}");
        }

        _clients[_created] = client;
        return _created++;
    }

    /// <summary>Marks call <paramref name="index"/> pending (<c>set</c>).</summary>
    public void Set(int index)
    {
        if ((uint)index >= (uint)_created)
        {
            throw new ArgumentOutOfRangeException(nameof(index), index, "No such deferred call.");
        }

        bool wasIdle = _pending == 0;
        _pending |= 1u << index;
        if (wasIdle)
        {
            Raised?.Invoke();
        }
    }

    /// <summary>True if call <paramref name="index"/> is pending.</summary>
    public bool IsPending(int index) => (_pending & (1u << index)) != 0;

    /// <summary>Services the lowest pending call (<c>service_next_pending</c>).</summary>
    /// <returns>The client's cycles, or −1 if none was pending.</returns>
    internal long ServiceNext()
    {
        if (_pending == 0)
        {
            return -1;
        }

        int index = BitOperations.TrailingZeroCount(_pending);
        _pending &= ~(1u << index);
        Serviced++;
        return _clients[index]!.HandleDeferredCall();
    }
}

using System.Numerics;

namespace SensorNet.NodeKernel.Hardware;

/// <summary>
/// Pending interrupt lines of the MCU (NVIC ISPR on Cortex-M). A peripheral raises its line; the top half only
/// marks it pending (tock/tock <c>arch/cortex-v7m/src/lib.rs</c> <c>generic_isr_arm_v7m</c>), and the kernel's
/// bottom half services pending lines lowest number first (<c>chips/nrf52/src/chip.rs</c>), not by priority.
/// </summary>
public sealed class InterruptController
{
    /// <summary>Number of interrupt lines modelled.</summary>
    public const int Lines = 128;

    private readonly IInterruptHandler?[] _handlers = new IInterruptHandler?[Lines];
    private ulong _low;
    private ulong _high;

    /// <summary>Raised when a line goes from idle to pending (the kernel wakes or preempts on it).</summary>
    internal Action? Raised { get; set; }

    /// <summary>True if any line is pending (<c>has_pending_interrupts</c>).</summary>
    public bool AnyPending => (_low | _high) != 0;

    /// <summary>Interrupts raised so far.</summary>
    public long RaisedCount { get; private set; }

    /// <summary>
    /// Installs a bottom half on line <paramref name="irq"/>. A line may be shared, as the nRF52's RADIO line is by the
    /// 802.15.4 and BLE modes (tock/tock <c>chips/nrf52840/src/interrupt_service.rs</c>): every handler of the line is
    /// serviced, each returning at once when it has nothing pending.
    /// </summary>
    public void Register(int irq, IInterruptHandler handler)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(irq);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(irq, Lines);
        ArgumentNullException.ThrowIfNull(handler);
        _handlers[irq] = _handlers[irq] switch
        {
            null => handler,
            SharedLine shared => shared.With(handler),
            IInterruptHandler first => new SharedLine([first, handler]),
        };
    }

    /// <summary>Marks line <paramref name="irq"/> pending; raising a pending line again changes nothing.</summary>
    public void Raise(int irq)
    {
        if (_handlers[irq] is null)
        {
            throw new InvalidOperationException($"Interrupt line {irq} was raised but has no handler (Tock panics here).");
        }

        if (IsPending(irq))
        {
            return;
        }

        if (irq < 64)
        {
            _low |= 1UL << irq;
        }
        else
        {
            _high |= 1UL << (irq - 64);
        }

        RaisedCount++;
        Raised?.Invoke();
    }

    /// <summary>True if line <paramref name="irq"/> is pending.</summary>
    public bool IsPending(int irq) => irq < 64 ? (_low & (1UL << irq)) != 0 : (_high & (1UL << (irq - 64))) != 0;

    /// <summary>Takes the lowest pending line and clears it.</summary>
    internal bool TryTakeLowest(out int irq, out IInterruptHandler handler)
    {
        if (_low != 0)
        {
            irq = BitOperations.TrailingZeroCount(_low);
            _low &= _low - 1;
        }
        else if (_high != 0)
        {
            irq = 64 + BitOperations.TrailingZeroCount(_high);
            _high &= _high - 1;
        }
        else
        {
            irq = -1;
            handler = null!;
            return false;
        }

        handler = _handlers[irq]!;
        return true;
    }

    private sealed class SharedLine(IInterruptHandler[] handlers) : IInterruptHandler
    {
        public SharedLine With(IInterruptHandler handler) => new([.. handlers, handler]);

        public long Service()
        {
            long cycles = 0;
            foreach (IInterruptHandler h in handlers)
            {
                cycles += h.Service();
            }

            return cycles;
        }
    }
}

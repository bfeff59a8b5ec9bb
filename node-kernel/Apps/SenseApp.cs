using SensorNet.NodeKernel.Userspace;
using SensorNet.NodeKernel.Userspace.Libtock;

namespace SensorNet.NodeKernel.Apps;

/// <summary>How an app is written: with callbacks (libtock) or blocking wrappers (libtock-sync).</summary>
public enum AppStyle
{
    /// <summary>Asynchronous: subscribe, command, and callbacks run from a Yield-Wait main loop.</summary>
    Async,

    /// <summary>Synchronous: libtock-sync wrappers built on Yield-WaitFor and <c>yield_for</c>.</summary>
    Sync,
}

/// <summary>
/// Periodic sensing, the core of libtock-c's <c>examples/sensors</c>: every period read the temperature (and the
/// humidity if the board has it), print a 32-byte line on the console, and wait for the next period.
/// </summary>
/// <param name="style">Asynchronous or synchronous style.</param>
/// <param name="periodMs">Period, in ms.</param>
/// <param name="readHumidity">Also read the humidity (imix's SI7021).</param>
/// <param name="print">Print each reading on the console.</param>
public sealed class SenseApp(AppStyle style, uint periodMs = 1000, bool readHumidity = false, bool print = true) : UserProgram
{
    private const uint LineBytes = 32;

    /// <inheritdoc/>
    public override string Name => style == AppStyle.Async ? "sense-async" : "sense-sync";

    /// <summary>Readings completed.</summary>
    public int Readings { get; private set; }

    /// <summary>The last temperature read, in hundredths of °C.</summary>
    public int LastTemperature { get; private set; }

    /// <inheritdoc/>
    public override IEnumerable<UserOp> Main(UserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var tock = new Libtock(context);
        uint buffer = context.RamStart + 1024;
        return style == AppStyle.Sync ? SyncLoop(context, tock, buffer) : AsyncLoop(tock, buffer);
    }

    private IEnumerable<UserOp> SyncLoop(UserContext context, Libtock tock, uint buffer)
    {
        while (true)
        {
            yield return UserOp.Call(tock.Sync.SensorRead(0x60000));

            LastTemperature = unchecked((int)context.Result.R1);
            if (readHumidity)
            {
                yield return UserOp.Call(tock.Sync.SensorRead(0x60001));
            }

            Readings++;
            if (print)
            {
                yield return UserOp.Call(LibtockSync.ConsoleWrite(buffer, LineBytes));
            }

            yield return UserOp.Call(tock.Sync.AlarmDelayMs(periodMs));
        }
    }

    // Event-driven: a timer callback starts the reading, the reading's callback prints and re-arms the timer.
    private IEnumerable<UserOp> AsyncLoop(Libtock tock, uint buffer)
    {
        yield return UserOp.Call(tock.Alarm.InMs(periodMs, () => StartReading(tock, buffer)));

        while (true)
        {
            yield return Libtock.Yield();
        }
    }

    private IEnumerable<UserOp> StartReading(Libtock tock, uint buffer) =>
        tock.SensorRead(0x60000, value => readHumidity ? ReadHumidity(tock, buffer, value) : Done(tock, buffer, value));

    private IEnumerable<UserOp> ReadHumidity(Libtock tock, uint buffer, int temperature) =>
        tock.SensorRead(0x60001, _ => Done(tock, buffer, temperature));

    private IEnumerable<UserOp> Done(Libtock tock, uint buffer, int temperature)
    {
        LastTemperature = temperature;
        Readings++;
        IEnumerable<UserOp> next = tock.Alarm.InMs(periodMs, () => StartReading(tock, buffer));
        IEnumerable<UserOp> ops = print ? tock.ConsoleWrite(buffer, LineBytes, _ => Empty()).Concat(next) : next;
        yield return UserOp.Call(ops);
    }

    private static IEnumerable<UserOp> Empty()
    {
        yield break;
    }
}

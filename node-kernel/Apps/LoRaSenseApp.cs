using System.Buffers.Text;
using SensorNet.NodeKernel.Userspace;
using SensorNet.NodeKernel.Userspace.Libtock;
using SensorNet.NodeKernel.Userspace.RadioLib;

namespace SensorNet.NodeKernel.Apps;

/// <summary>
/// Periodic sense-and-send over LoRa, libtock-c <c>examples/lora/sensor-transmit/main.cc</c>: RadioLib's
/// <c>radio-&gt;begin(…)</c> once, then every period <c>yield_no_wait()</c>, the synchronous temperature and humidity reads
/// (2 syscalls each), a text payload <c>"Temp: %d, Hum: %u"</c> padded or cut to the payload length, the transmission,
/// and <c>hal-&gt;delay(period)</c> (<c>libtocksync_alarm_delay_ms</c>). The transmission is RadioLib's blocking
/// <c>transmit()</c> (as in the example) or the interrupt-driven <c>startTransmit()</c> + Yield-Wait variant.
/// </summary>
/// <remarks>
/// <b>Scope and limitations:</b> no <c>printf</c> (the example prints two lines per packet); a failed <c>begin</c> ends
/// the app as the example's <c>return 1</c> does; a failed transmission is counted and the app waits for the next
/// period (the example would retry without delay). The radio is never put to sleep between packets, as in the example,
/// so it idles in STDBY_RC.
/// </remarks>
/// <param name="mode">Blocking or interrupt-driven transmission.</param>
/// <param name="periodMs">Delay after each packet, in ms (the example: 1 000).</param>
/// <param name="payloadBytes">LoRa payload length, in bytes (1–255).</param>
/// <param name="readSensors">Read temperature and humidity first (the board needs both drivers).</param>
/// <param name="settings">LoRa settings for <c>begin</c>.</param>
public sealed class LoRaSenseApp(LoRaTransmitMode mode, uint periodMs = 1000, int payloadBytes = 20, bool readSensors = true, RadioLibLoRaSettings? settings = null) : UserProgram
{
    /// <inheritdoc/>
    public override string Name => mode == LoRaTransmitMode.Blocking ? "lora-sense-blocking" : "lora-sense-irq";

    /// <summary>The radio library of the running process (null before main starts).</summary>
    public RadioLibSx1262? Radio { get; private set; }

    /// <summary>Packets sent without error.</summary>
    public int PacketsSent { get; private set; }

    /// <summary>Transmissions that returned an error.</summary>
    public int Failures { get; private set; }

    /// <summary>RadioLib's status code of <c>begin</c>.</summary>
    public int BeginState { get; private set; }

    /// <inheritdoc/>
    public override IEnumerable<UserOp> Main(UserContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(payloadBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(payloadBytes, 255);
        return Run(context);
    }

    private IEnumerable<UserOp> Run(UserContext context)
    {
        var tock = new Libtock(context);
        var radio = new RadioLibSx1262(context, tock, settings);
        Radio = radio;
        yield return UserOp.Call(radio.Begin());

        BeginState = radio.State;
        if (radio.State != RadioLibSx1262.ErrNone)
        {
            yield break;
        }

        byte[] payload = new byte[payloadBytes]; // one buffer, as the example's; RadioLib copies it into the radio
        while (true)
        {
            yield return Libtock.YieldNoWait();
            int temperature = 0;
            uint humidity = 0;
            if (readSensors)
            {
                yield return UserOp.Call(tock.Sync.SensorRead(0x60000));

                temperature = unchecked((int)context.Result.R1);
                yield return UserOp.Call(tock.Sync.SensorRead(0x60001));

                humidity = context.Result.R1;
            }

            FillPayload(payload, temperature, humidity);
            IEnumerable<UserOp> send = mode == LoRaTransmitMode.Blocking ? radio.Transmit(payload) : radio.TransmitInterruptDriven(payload);
            yield return UserOp.Call(send);

            if (radio.State == RadioLibSx1262.ErrNone)
            {
                PacketsSent++;
            }
            else
            {
                Failures++;
            }

            yield return UserOp.Call(tock.Sync.AlarmDelayMs(periodMs));
        }
    }

    // snprintf of "Temp: %d, Hum: %u" into the payload: the text, cut to the payload length, then zeros. Utf8Formatter
    // rather than an interpolated string with a culture, which allocates on every call.
    private static void FillPayload(byte[] payload, int temperature, uint humidity)
    {
        Span<byte> text = stackalloc byte[48];
        int length = Append(text, "Temp: "u8, 0);
        Utf8Formatter.TryFormat(temperature, text[length..], out int written);
        length = Append(text, ", Hum: "u8, length + written);
        Utf8Formatter.TryFormat(humidity, text[length..], out written);
        length += written;
        payload.AsSpan().Clear();
        text[..Math.Min(length, payload.Length)].CopyTo(payload);
    }

    private static int Append(Span<byte> text, ReadOnlySpan<byte> literal, int at)
    {
        literal.CopyTo(text[at..]);
        return at + literal.Length;
    }
}

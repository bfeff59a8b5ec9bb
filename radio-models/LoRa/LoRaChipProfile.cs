using System.Globalization;
using SensorNet.Energy;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.RadioModels.LoRa;

/// <summary>
/// Supply currents of a LoRa transceiver per state, with the transmit current as a function of output power.
/// Every number carries its source and grade (models.md §4): P primary, S secondary, U unverified placeholder.
/// </summary>
/// <param name="Name">Chip name, e.g. <c>sx1276</c>.</param>
/// <param name="Family">Transceiver family (time-on-air rules).</param>
/// <param name="Supply">Supply voltage the currents refer to.</param>
/// <param name="Sleep">Sleep current.</param>
/// <param name="Standby">Standby current.</param>
/// <param name="Receive">Receive current.</param>
/// <param name="TxCurrentsByDbm">Transmit current per whole-dBm output power.</param>
/// <param name="Source">Sources and grades of the numbers.</param>
public sealed record LoRaChipProfile(
    string Name,
    LoRaChipFamily Family,
    Volts Supply,
    Amperes Sleep,
    Amperes Standby,
    Amperes Receive,
    IReadOnlyDictionary<int, Amperes> TxCurrentsByDbm,
    string Source)
{
    /// <summary>State index of sleep in <see cref="PowerStates"/>.</summary>
    public const int SleepState = 0;

    /// <summary>State index of standby.</summary>
    public const int StandbyState = 1;

    /// <summary>State index of receive.</summary>
    public const int ReceiveState = 2;

    /// <summary>State index of transmit.</summary>
    public const int TransmitState = 3;

    /// <summary>
    /// SX1276 with the LoRaSim/FLoRa transmit table (S: <c>loraDir.py</c> of LoRaSim 0.2.1 and FLoRa
    /// <c>energyConsumptionParameters.xml</c>, −2…20 dBm, at 3.0 V as LoRaSim computes energy); receive 9.7 mA
    /// (S: FLoRa); sleep 0.2 µA and standby 1.6 mA (U: SX1276 datasheet Table 6, unverified placeholders).
    /// </summary>
    public static LoRaChipProfile Sx1276 { get; } = new(
        "sx1276",
        LoRaChipFamily.Sx127x,
        new Volts(3.0),
        Amperes.FromMicroamperes(0.2),
        Amperes.FromMilliamperes(1.6),
        Amperes.FromMilliamperes(9.7),
        Table(-2, [22, 22, 22, 23, 24, 24, 24, 25, 25, 25, 25, 26, 31, 32, 34, 35, 44, 82, 85, 90, 105, 115, 125]),
        "TX: LoRaSim loraDir.py TX table −2..20 dBm (S); RX: FLoRa energyConsumptionParameters.xml 9.7 mA (S); sleep 0.2 µA, standby 1.6 mA: SX1276 datasheet Table 6 (U, placeholder)");

    /// <summary>
    /// SX1262: sleep 0.6 µA warm start (S: Mbed OS COMPONENT_SX126X), standby (RC) 1.6 mA and receive 4.2 mA at
    /// 3.3 V (S: datasheet summary); transmit +14 dBm 45 mA and +22 dBm 118 mA (U: placeholders; intermediate
    /// levels interpolate linearly between those two points and are equally unverified).
    /// </summary>
    public static LoRaChipProfile Sx1262 { get; } = new(
        "sx1262",
        LoRaChipFamily.Sx126x,
        new Volts(3.3),
        Amperes.FromMicroamperes(0.6),
        Amperes.FromMilliamperes(1.6),
        Amperes.FromMilliamperes(4.2),
        Enumerable.Range(14, 9).ToDictionary(dbm => dbm, dbm => Amperes.FromMilliamperes(45 + ((118.0 - 45) * (dbm - 14) / 8))),
        "sleep 0.6 µA: Mbed OS COMPONENT_SX126X SleepMode.txt (S); STDBY_RC 1.6 mA, RX 4.2 mA: datasheet summary (S); TX 14 dBm 45 mA, 22 dBm 118 mA: (U, placeholder), linear between");

    /// <summary>Looks a built-in chip up by name (case-insensitive).</summary>
    public static LoRaChipProfile ByName(string name) => name.ToUpperInvariant() switch
    {
        "SX1276" => Sx1276,
        "SX1262" => Sx1262,
        _ => throw new KeyNotFoundException($"Unknown LoRa chip '{name}'; known: sx1262, sx1276."),
    };

    /// <summary>Names of the built-in chips.</summary>
    public static IReadOnlyList<string> BuiltInNames { get; } = ["sx1262", "sx1276"];

    /// <summary>The transmit current at <paramref name="txPower"/>, which must be a whole dBm value in the chip's table.</summary>
    public Amperes TxCurrent(Dbm txPower)
    {
        double rounded = Math.Round(txPower.Value);
        if (rounded != txPower.Value || !TxCurrentsByDbm.TryGetValue((int)rounded, out Amperes current))
        {
            throw new ArgumentOutOfRangeException(
                nameof(txPower),
                txPower,
                string.Create(CultureInfo.InvariantCulture, $"{Name} has transmit currents for {TxCurrentsByDbm.Keys.Min()}..{TxCurrentsByDbm.Keys.Max()} dBm in whole dB."));
        }

        return current;
    }

    /// <summary>The power-state table (sleep, standby, rx, tx at <paramref name="txPower"/>) at this chip's supply voltage.</summary>
    public PowerStateTable PowerStates(Dbm txPower) => PowerStateTable.FromCurrents(
        Name,
        Supply,
        [
            ("sleep", Sleep),
            ("standby", Standby),
            ("rx", Receive),
            (string.Create(CultureInfo.InvariantCulture, $"tx_{txPower.Value:0.#}dbm"), TxCurrent(txPower)),
        ],
        Source);

    private static Dictionary<int, Amperes> Table(int firstDbm, double[] milliamperes)
    {
        var table = new Dictionary<int, Amperes>();
        for (int i = 0; i < milliamperes.Length; i++)
        {
            table[firstDbm + i] = Amperes.FromMilliamperes(milliamperes[i]);
        }

        return table;
    }
}

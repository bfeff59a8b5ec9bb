using System.Globalization;
using SensorNet.Energy;
using SensorNet.Energy.Accounting;
using SensorNet.Energy.Supply;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Scenarios;

/// <summary>
/// A node group's power management, as the scenario file gives it (<c>power:</c>): brown-out thresholds with
/// hysteresis and the regulator between storage and loads.
/// </summary>
/// <param name="Shutdown">Level at which the node turns off.</param>
/// <param name="Start">Level at which it turns on again; above <paramref name="Shutdown"/>.</param>
/// <param name="Regulator">The regulator, if any.</param>
public sealed record PowerConfig(StorageLevel? Shutdown, StorageLevel? Start, RegulatorConfig? Regulator)
{
    /// <summary>The thresholds for one node's storage, or null if the group has none.</summary>
    /// <exception cref="ArgumentException">A level cannot be expressed for this storage, or there is no hysteresis.</exception>
    public BrownOutThresholds? Thresholds(IEnergyStorage storage) =>
        Shutdown is { } off && Start is { } on ? new BrownOutThresholds(off.Resolve(storage), on.Resolve(storage)) : null;

    /// <summary>The parameters for the run manifest, with unit-suffixed names.</summary>
    public IReadOnlyList<(string Name, string Value)> ManifestFields() =>
    [
        .. Shutdown is { } off ? [("shutdown", off.ToString())] : Array.Empty<(string, string)>(),
        .. Start is { } on ? [("start", on.ToString())] : Array.Empty<(string, string)>(),
        .. Regulator?.ManifestFields() ?? [],
    ];
}

/// <summary>How a threshold is given: an energy, a fraction of capacity, or a voltage.</summary>
public enum StorageLevelUnit
{
    /// <summary>Stored energy, in joules.</summary>
    Joules,

    /// <summary>Percent of the storage's capacity.</summary>
    Percent,

    /// <summary>The storage's (open-circuit) voltage; only for storages whose voltage follows their charge.</summary>
    Volts,
}

/// <summary>A power-management threshold: <c>5 J</c>, <c>20 %</c> or <c>2.1 V</c>.</summary>
/// <param name="Value">The number.</param>
/// <param name="Unit">What it means.</param>
public readonly record struct StorageLevel(double Value, StorageLevelUnit Unit)
{
    /// <summary>Parses <c>5 J</c>, <c>20 %</c> or <c>2.1 V</c> (any SI prefix for J and V).</summary>
    /// <exception cref="FormatException">Not one of those forms.</exception>
    public static StorageLevel Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        string t = text.Trim();
        if (t.EndsWith('%'))
        {
            double p = double.Parse(t[..^1].Trim(), NumberStyles.Float, CultureInfo.InvariantCulture);
            return p is >= 0 and <= 100 ? new StorageLevel(p, StorageLevelUnit.Percent) : throw new FormatException("a percentage must lie in [0, 100]");
        }

        if (t.EndsWith('V'))
        {
            return new StorageLevel(QuantityText.ParseVoltage(t).Value, StorageLevelUnit.Volts);
        }

        if (t.EndsWith('J') && QuantityText.ParseEnergyOrCharge(t, new Volts(1)) is { Value: >= 0 } joules)
        {
            return new StorageLevel(joules.Value, StorageLevelUnit.Joules);
        }

        throw new FormatException("expected a level such as '2.1 V', '20 %' or '5 J'");
    }

    /// <summary>The level as stored energy for <paramref name="storage"/>.</summary>
    /// <exception cref="ArgumentException">A voltage for a storage whose voltage does not follow its charge.</exception>
    public Joules Resolve(IEnergyStorage storage)
    {
        ArgumentNullException.ThrowIfNull(storage);
        return Unit switch
        {
            StorageLevelUnit.Percent => storage.Capacity * (Value / 100),
            StorageLevelUnit.Volts => storage is IVoltageLevels v
                ? v.StoredAtVoltage(new Volts(Value))
                : throw new ArgumentException("a voltage threshold needs a storage whose voltage follows its charge (supercapacitor, liIonBattery); give % or J instead"),
            _ => new Joules(Value),
        };
    }

    /// <inheritdoc/>
    public override string ToString() => Value.ToString("R", CultureInfo.InvariantCulture) + Unit switch
    {
        StorageLevelUnit.Percent => " %",
        StorageLevelUnit.Volts => " V",
        _ => " J",
    };
}

/// <summary>A regulator between storage and loads, as the scenario file gives it.</summary>
/// <param name="Kind"><c>ldo</c>, <c>buck</c>, <c>boost</c> or <c>buckBoost</c>.</param>
/// <param name="Output">Output rail voltage.</param>
/// <param name="QuiescentCurrent">Ground/quiescent current.</param>
/// <param name="Dropout">LDO dropout voltage.</param>
/// <param name="MinimumInput">Switching regulator's minimum input voltage.</param>
/// <param name="Efficiency">Switching regulator's constant efficiency (when <paramref name="EfficiencyCurve"/> is empty).</param>
/// <param name="EfficiencyCurve">Switching regulator's efficiency against output current, from its datasheet plot.</param>
public sealed record RegulatorConfig(string Kind, Volts Output, Amperes QuiescentCurrent, Volts Dropout, Volts MinimumInput, double Efficiency, IReadOnlyList<EfficiencyPoint> EfficiencyCurve)
{
    /// <summary>A fresh regulator.</summary>
    public IRegulator Create()
    {
        if (Kind == "ldo")
        {
            return new LinearRegulator(Output, QuiescentCurrent, Dropout);
        }

        Topology topology = Kind switch { "buck" => Topology.Buck, "boost" => Topology.Boost, _ => Topology.BuckBoost };
        return EfficiencyCurve.Count > 0
            ? SwitchingRegulator.WithEfficiencyCurve(topology, Output, MinimumInput, QuiescentCurrent, EfficiencyCurve)
            : SwitchingRegulator.WithConstantEfficiency(topology, Output, MinimumInput, QuiescentCurrent, Efficiency);
    }

    /// <summary>The parameters for the run manifest, with unit-suffixed names.</summary>
    public IReadOnlyList<(string Name, string Value)> ManifestFields() =>
    [
        ("regulator", Kind),
        ("regulator_output_v", Text(Output.Value)),
        ("regulator_quiescent_a", Text(QuiescentCurrent.Value)),
        .. Kind == "ldo"
            ? [("regulator_dropout_v", Text(Dropout.Value))]
            : new[]
            {
                ("regulator_minimum_input_v", Text(MinimumInput.Value)),
                EfficiencyCurve.Count > 0
                    ? ("regulator_efficiency_curve", string.Join("; ", EfficiencyCurve.Select(p => $"{Text(p.OutputCurrent.Value)} A: {Text(p.Efficiency)}")))
                    : ("regulator_efficiency", Text(Efficiency)),
            },
    ];

    /// <inheritdoc/>
    public bool Equals(RegulatorConfig? other) =>
        other is not null && Kind == other.Kind && Output == other.Output && QuiescentCurrent == other.QuiescentCurrent && Dropout == other.Dropout
        && MinimumInput == other.MinimumInput && Efficiency.Equals(other.Efficiency) && EfficiencyCurve.SequenceEqual(other.EfficiencyCurve);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Kind, Output, QuiescentCurrent, Efficiency, EfficiencyCurve.Count);

    private static string Text(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}

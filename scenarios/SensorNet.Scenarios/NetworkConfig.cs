using SensorNet.RadioModels.LoRa;
using SensorNet.RadioModels.LoRa.Reception;
using SensorNet.RadioModels.Medium;
using SensorNet.RadioModels.Propagation;
using SensorNet.SimEngine.Quantities;

namespace SensorNet.Scenarios;

/// <summary>
/// The shared radio medium of a scenario (<c>network:</c>): propagation, shadowing, the gateways' reception rules,
/// and the gateways.
/// </summary>
/// <param name="Propagation">Path-loss model.</param>
/// <param name="Shadowing">Shadowing per link or per packet.</param>
/// <param name="Reception">Name of the reception rules: <c>loraSim</c>, <c>loraSimFull</c>, <c>borEtAl</c>, <c>flora</c>, <c>ns3</c>.</param>
/// <param name="Gateways">The gateways; any one receiving a frame delivers it.</param>
public sealed record NetworkConfig(PropagationConfig Propagation, ShadowingMode Shadowing, string Reception, IReadOnlyList<GatewayConfig> Gateways)
{
    /// <summary>Reception rule names accepted in scenario files.</summary>
    public static IReadOnlyList<string> ReceptionNames { get; } = ["loraSim", "loraSimFull", "borEtAl", "flora", "ns3"];

    /// <summary>A fresh reception model for one gateway.</summary>
    public IReceptionModel CreateReception(Func<int, Dbm> sensitivity) => Reception switch
    {
        "loraSim" => new LoRaSimReceptionModel(new LoRaSimCollisionOptions(), sensitivity),
        "loraSimFull" => new LoRaSimReceptionModel(new LoRaSimCollisionOptions { FullCollision = true }, sensitivity),
        "flora" => new LoRaReceptionModel(LoRaReceptionOptions.FLoRa),
        "ns3" => new LoRaReceptionModel(LoRaReceptionOptions.Ns3),
        _ => new LoRaReceptionModel(LoRaReceptionOptions.BorEtAl),
    };

    /// <inheritdoc/>
    public bool Equals(NetworkConfig? other) =>
        other is not null && Propagation == other.Propagation && Shadowing == other.Shadowing && Reception == other.Reception && Gateways.SequenceEqual(other.Gateways);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Propagation, Shadowing, Reception, Gateways.Count);
}

/// <summary>A path-loss model as the scenario file names it.</summary>
/// <param name="Kind"><c>borEtAl2016</c>, <c>loraSimCode</c>, <c>freeSpace</c>, <c>unitDisk</c> or <c>logDistance</c>.</param>
/// <param name="Frequency">Carrier for free space.</param>
/// <param name="Range">Range of the unit disk; reference distance of a log-distance model.</param>
/// <param name="ReferenceLoss">Log-distance loss at the reference distance.</param>
/// <param name="Exponent">Log-distance path-loss exponent.</param>
/// <param name="Sigma">Log-distance shadowing standard deviation.</param>
public sealed record PropagationConfig(string Kind, Hertz Frequency = default, Meters Range = default, Decibels ReferenceLoss = default, double Exponent = 0, Decibels Sigma = default)
{
    /// <summary>The model.</summary>
    public IPropagationModel Create() => Kind switch
    {
        "loraSimCode" => LogDistance.LoRaSimCode,
        "freeSpace" => new FreeSpace(Frequency),
        "unitDisk" => new UnitDisk(Range),
        "logDistance" => new LogDistance(Range, ReferenceLoss, Exponent, Sigma),
        _ => LogDistance.BorEtAl2016,
    };
}

/// <summary>A LoRa gateway (SX1301-class concentrator).</summary>
/// <param name="Name">Name.</param>
/// <param name="X">x position.</param>
/// <param name="Y">y position.</param>
/// <param name="Channels">Carriers it listens on.</param>
/// <param name="Bandwidth">Channel bandwidth.</param>
/// <param name="Sensitivity">Sensitivity table: <c>sx1301</c>, <c>loraSim</c> or <c>sx1272</c>.</param>
/// <param name="Demodulators">Concurrent demodulation paths (SX1301: 8).</param>
public sealed record GatewayConfig(string Name, Meters X, Meters Y, IReadOnlyList<Hertz> Channels, Hertz Bandwidth, string Sensitivity, int Demodulators)
{
    /// <summary>Sensitivity table names accepted in scenario files.</summary>
    public static IReadOnlyList<string> SensitivityNames { get; } = ["sx1301", "loraSim", "sx1272"];

    /// <summary>The sensitivity table.</summary>
    public LoRaSensitivity Table => Sensitivity switch
    {
        "loraSim" => LoRaSensitivity.LoRaSim,
        "sx1272" => LoRaSensitivity.Sx1272,
        _ => LoRaSensitivity.Sx1301,
    };

    /// <inheritdoc/>
    public bool Equals(GatewayConfig? other) =>
        other is not null && Name == other.Name && X == other.X && Y == other.Y && Channels.SequenceEqual(other.Channels)
        && Bandwidth == other.Bandwidth && Sensitivity == other.Sensitivity && Demodulators == other.Demodulators;

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Name, X, Y, Channels.Count, Bandwidth, Sensitivity, Demodulators);
}

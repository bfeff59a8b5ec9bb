namespace SensorNet.Scenarios.Running;

/// <summary>One sample of a node's energy state; names carry units.</summary>
/// <param name="TimeNs">Sample time, in ns since the start.</param>
/// <param name="NodeId">Node id.</param>
/// <param name="StoredJ">Energy stored, in J.</param>
/// <param name="VoltageV">Storage terminal voltage, in V.</param>
/// <param name="HarvestW">Harvested power at that instant, in W.</param>
/// <param name="DrawW">Power drawn by the node's components at that instant, in W.</param>
/// <param name="On">True while the node is powered.</param>
public readonly record struct EnergySample(long TimeNs, int NodeId, double StoredJ, double VoltageV, double HarvestW, double DrawW, bool On);

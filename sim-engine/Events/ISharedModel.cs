namespace SensorNet.SimEngine.Events;

/// <summary>
/// Marks a model that many nodes use, such as the wireless medium: a walk of one node's state
/// (<see cref="EventDomain.PrefetchStateOf"/>) stops at it, since through it lies every other node.
/// </summary>
public interface ISharedModel;

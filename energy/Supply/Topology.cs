namespace SensorNet.Energy.Supply;

/// <summary>The power stage of a switching regulator.</summary>
public enum Topology
{
    /// <summary>Step-down: output below the input.</summary>
    Buck,

    /// <summary>Step-up: output above the input.</summary>
    Boost,

    /// <summary>Step-up or step-down: output above or below the input.</summary>
    BuckBoost,
}

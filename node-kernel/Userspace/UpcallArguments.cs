namespace SensorNet.NodeKernel.Userspace;

/// <summary>The four arguments an upcall function receives in r0–r3: three values from the driver and the app data.</summary>
/// <param name="Argument0">r0.</param>
/// <param name="Argument1">r1.</param>
/// <param name="Argument2">r2.</param>
/// <param name="AppData">r3: the application data given at subscribe.</param>
public readonly record struct UpcallArguments(uint Argument0, uint Argument1, uint Argument2, uint AppData);

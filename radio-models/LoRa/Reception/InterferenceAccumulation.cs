namespace SensorNet.RadioModels.LoRa.Reception;

/// <summary>How interferers are compared with the wanted signal against an <see cref="InterferenceMatrix"/>.</summary>
public enum InterferenceAccumulation
{
    /// <summary>
    /// Each interferer separately: the wanted signal survives it if P_signal − P_interferer (dB) ≥ threshold
    /// (FLoRa, LoRaSim).
    /// </summary>
    PerInterfererPower,

    /// <summary>
    /// Energy per interferer SF (ns-3 lorawan): E_int,k = Σ P_int[W]·overlap[s] over interferers of SF k,
    /// E_sig = P_sig[W]·duration[s]; the wanted signal survives SF k if 10·log10(E_sig/E_int,k) ≥ threshold.
    /// SFs are checked 7..12 and the first failing one destroys the packet.
    /// </summary>
    PerSpreadingFactorEnergy,
}

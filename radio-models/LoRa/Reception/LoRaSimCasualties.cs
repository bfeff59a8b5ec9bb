namespace SensorNet.RadioModels.LoRa.Reception;

/// <summary>Which packets of a pair LoRaSim's collision check marks as collided.</summary>
[Flags]
public enum LoRaSimCasualties
{
    /// <summary>Neither.</summary>
    None = 0,

    /// <summary>The packet that just arrived.</summary>
    Arriving = 1,

    /// <summary>The packet already at the gateway.</summary>
    Existing = 2,

    /// <summary>Both packets.</summary>
    Both = Arriving | Existing,
}

namespace SensorNet.Scenarios;

/// <summary>
/// Every kind a scenario file accepts, with its parameters in one line each: the loader takes its kind lists from here
/// and <c>sensornet list</c> prints them, so the two cannot drift apart.
/// </summary>
public static class ScenarioCatalog
{
    /// <summary>Node group kinds (<c>nodes[i].kind</c>).</summary>
    public static IReadOnlyList<(string Kind, string Parameters)> GroupKinds { get; } =
    [
        ("tock", "board, apps[], storage, placement, solar?, power?, bootSpread?, processConsole?, radioOnAtBoot?, scheduler?"),
        ("loraSenseAndSend", "mcu, radio, app (senseAndSend: period, jitter, payload, senseCycles, interruptCycles), storage, placement"),
        ("loraAloha", "radio, channels[], meanWait, payload, storage, placement (needs network:)"),
        ("lorawan", "radio, channels[]?, period, payload, confirmed?, maxTransmissions?, adr?, storage, placement (needs network: with gateways)"),
        ("ieee802154", "role (sensor|sink)?, channel?, radio (nrf52840|nrf52840Ldo|at86rf233|cc2420)?, txPower?, period, payload?, routing (tree|direct)?, storage, placement (needs network:)"),
        ("ble", "role (advertiser|scanner); advertiser: advInterval, payload?, txPower?; scanner: scanInterval, scanWindow?; storage, placement (needs network:)"),
    ];

    /// <summary>Storage kinds (<c>nodes[i].storage.kind</c>).</summary>
    public static IReadOnlyList<(string Kind, string Parameters)> StorageKinds { get; } =
    [
        ("linearBattery", "capacity (J or mAh), initial?, voltage"),
        ("kibamBattery", "capacity, voltage, capacityRatio, rateConstant, initialStateOfCharge?"),
        ("peukertBattery", "capacity, ratedDischargeTime, exponent, voltage, initialStateOfCharge?"),
        ("liIonBattery", "capacity, internalResistance, cutoffVoltage, initialStateOfCharge?"),
        ("coinCell", "capacity?, internalResistance?, initialStateOfCharge?"),
        ("supercapacitor", "capacitance, maximumVoltage, minimumVoltage, initialVoltage, leakageCurrent?"),
    ];

    /// <summary>
    /// Tock app kinds (<c>nodes[i].apps[j].kind</c>); every app takes <c>period?</c>, <c>style (async|sync)?</c>,
    /// <c>payload?</c>, <c>print?</c>, <c>mode (blocking|interrupt)?</c>, <c>spreadingFactor?</c> where they apply.
    /// </summary>
    public static IReadOnlyList<(string Kind, string Parameters)> AppKinds { get; } =
    [
        ("blink", "toggles the LEDs every period"),
        ("sense", "reads the temperature every period (libtock callbacks or libtock-sync)"),
        ("senseAndSend154", "reads a sensor and sends an 802.15.4 frame of payload bytes every period"),
        ("button", "waits for button presses"),
        ("busyLoop", "computes without yielding (scheduler stress)"),
        ("faulting", "faults every period (fault policy)"),
        ("loraSense", "reads a sensor and sends a LoRa frame through RadioLib (mode, spreadingFactor)"),
        ("energyAware", "reads the fuel gauge and temperature, sends a frame; stretches its period when the battery is low"),
        ("bleSense", "reads a sensor and advertises it over BLE every period"),
    ];

    /// <summary>Placement kinds (<c>nodes[i].placement.kind</c>).</summary>
    public static IReadOnlyList<(string Kind, string Parameters)> PlacementKinds { get; } =
    [
        ("grid", "columns, spacing, originX?, originY?"),
        ("disc", "radius, minSpacing?, centerX?, centerY?, spacingRule (strict|loraSim)?"),
        ("uniform", "width, height, originX?, originY?"),
        ("csv", "file (columns x_m, y_m; one row per node, in node order)"),
        ("points", "positions[]: { x, y } (one per node, in node order)"),
    ];

    /// <summary>Other blocks and their keys.</summary>
    public static IReadOnlyList<(string Kind, string Parameters)> Blocks { get; } =
    [
        ("solar", "start, ratedPower, latitude, longitude, elevation?, tilt?, azimuth?, linkeTurbidity?, step?, temperatureCoefficient?, mpptEfficiency?, weather: { kind: cloudCover, meanCloudCover, persistence, step? }? | irradianceFile (time, poa_w_m2 | ghi_w_m2, temp_air_c?)"),
        ("power", "shutdown, start (V | % | J), regulator: { kind: ldo (output, quiescentCurrent?, dropout?) | buck | boost | buckBoost (output, minimumInput, quiescentCurrent?, efficiency | efficiencyCurve[]) }?"),
        ("network", "propagation: { kind: " + string.Join(" | ", PropagationConfig.Names) + " }, shadowing (perLink|perPacket)?, reception (" + string.Join(" | ", NetworkConfig.ReceptionNames) + ")?, gateways[]: { name, x, y, channels[], bandwidth?, sensitivity (" + string.Join(" | ", GatewayConfig.SensitivityNames) + ")?, demodulators? }"),
        ("outputs", "energySampleInterval?, powerStateTrace?, packetTrace?, format (parquet|csv; --format overrides it)?"),
        ("overrides", "per-node overrides in any group: [{ nodes: [3, '10-19'] (indices within the group), then any of the group's fields except kind, name, count, placement; each field given replaces the group's whole value }]"),
    ];

    /// <summary>The kind names of a list.</summary>
    public static string[] Names(IReadOnlyList<(string Kind, string Parameters)> list) => [.. list.Select(k => k.Kind)];
}

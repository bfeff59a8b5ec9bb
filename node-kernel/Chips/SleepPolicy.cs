namespace SensorNet.NodeKernel.Chips;

/// <summary>How a chip's <c>sleep()</c> chooses its sleep depth (tock/tock <c>chips/*/src/chip.rs</c>).</summary>
public enum SleepPolicy
{
    /// <summary>WFI only, one sleep state (nRF52, ESP32-C3 and other RISC-V chips).</summary>
    WfiOnly,

    /// <summary>SLEEPDEEP set before every WFI (Apollo3).</summary>
    AlwaysDeep,

    /// <summary>SLEEPDEEP cleared before every WFI (STM32 families).</summary>
    AlwaysShallow,

    /// <summary>SAM4L: deep (WAIT) only when no disallowed peripheral clock is on and no GPIO interrupt is enabled.</summary>
    DeepWhenClocksAllow,
}

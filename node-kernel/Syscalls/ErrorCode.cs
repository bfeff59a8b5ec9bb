namespace SensorNet.NodeKernel.Syscalls;

/// <summary>Tock error codes (TRD104 §3.4; tock/tock <c>kernel/src/errorcode.rs</c>).</summary>
public enum ErrorCode
{
    /// <summary>Generic failure.</summary>
    Fail = 1,

    /// <summary>The underlying system is busy; retry.</summary>
    Busy = 2,

    /// <summary>The state requested is already set.</summary>
    Already = 3,

    /// <summary>The component is powered down.</summary>
    Off = 4,

    /// <summary>Reservation required before use.</summary>
    Reserve = 5,

    /// <summary>An invalid parameter was passed.</summary>
    Inval = 6,

    /// <summary>The parameter passed is too large.</summary>
    Size = 7,

    /// <summary>The operation was cancelled by a call.</summary>
    Cancel = 8,

    /// <summary>Memory required is not available (grant or task queue).</summary>
    NoMem = 9,

    /// <summary>The operation is not supported.</summary>
    NoSupport = 10,

    /// <summary>The device is not available (unknown driver, dead process).</summary>
    NoDevice = 11,

    /// <summary>The device is not physically installed.</summary>
    Uninstalled = 12,

    /// <summary>The packet transmission was not acknowledged.</summary>
    NoAck = 13,
}

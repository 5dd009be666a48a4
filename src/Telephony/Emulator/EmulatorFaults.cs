namespace Outreach.Telephony.Emulator;

/// <summary>Account-level fault injection, as rates between 0 and 1.</summary>
public sealed class EmulatorFaults
{
    /// <summary>Share of REST requests answered 429 with code 20429 and Retry-After.</summary>
    public double ThrottleRate { get; set; }

    /// <summary>Share of REST requests answered 500 with code 20500.</summary>
    public double ServerErrorRate { get; set; }

    /// <summary>Share of status callbacks posted twice.</summary>
    public double DuplicateCallbackRate { get; set; }

    /// <summary>Share of messages whose sent and delivered callbacks are posted in reverse order.</summary>
    public double ReorderCallbackRate { get; set; }

    /// <summary>Seconds a throttled client is told to wait.</summary>
    public int RetryAfterSeconds { get; set; } = 1;
}

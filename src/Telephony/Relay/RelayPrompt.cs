namespace Outreach.Telephony.Relay;

/// <summary>What the resident said (a final transcript) or pressed (one DTMF digit) during a relay session.</summary>
public sealed record RelayPrompt(string? Speech, string? Digits, string? Language, DateTimeOffset ReceivedAt);

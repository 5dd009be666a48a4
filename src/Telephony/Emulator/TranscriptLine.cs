namespace Outreach.Telephony.Emulator;

/// <summary>One line of a call's transcript: who ("call" or "resident") did what.</summary>
public sealed record TranscriptLine(DateTimeOffset At, string Speaker, string Kind, string Text, string? Language = null, string? Voice = null);

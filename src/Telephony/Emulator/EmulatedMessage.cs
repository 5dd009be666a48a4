namespace Outreach.Telephony.Emulator;

/// <summary>A message as the emulator holds it; replaced whole on each status change.</summary>
internal sealed record EmulatedMessage(
    string Sid,
    string AccountSid,
    string From,
    string To,
    string Body,
    string Direction,
    string Status,
    int Segments,
    Uri? StatusCallback,
    DateTimeOffset DateCreated,
    DateTimeOffset DateUpdated,
    DateTimeOffset? DateSent = null,
    int? ErrorCode = null,
    string? ErrorMessage = null);

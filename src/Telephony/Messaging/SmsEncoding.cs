namespace Outreach.Telephony.Messaging;

/// <summary>How an SMS body is encoded and how many segments it costs.</summary>
public sealed record SmsEncoding(string Encoding, int Characters, int Segments);

namespace Outreach.Telephony.Voice;

/// <summary>A notice call to place. <paramref name="Reference"/> is our delivery id, carried in the webhook URLs.</summary>
public sealed record OutboundCall(string To, string Reference, bool DetectAnsweringMachine = true);

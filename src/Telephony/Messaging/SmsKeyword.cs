namespace Outreach.Telephony.Messaging;

/// <summary>Carrier-style keywords residents text in any language.</summary>
public enum SmsKeyword
{
    None,
    Stop,
    Start,
    Help,
}

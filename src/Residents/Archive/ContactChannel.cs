namespace Outreach.Residents.Archive;

public enum ContactChannel
{
    Sms,
    Voice,
}

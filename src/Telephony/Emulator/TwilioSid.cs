using System.Security.Cryptography;

namespace Outreach.Telephony.Emulator;

/// <summary>Twilio SIDs: a two-letter prefix (SM message, CA call) and 32 lowercase hex digits.</summary>
internal static class TwilioSid
{
    public static string New(string prefix) => prefix + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));
}

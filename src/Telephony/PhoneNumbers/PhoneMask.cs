namespace Outreach.Telephony.PhoneNumbers;

/// <summary>Masks phone numbers for logs: +86 138****8000.</summary>
public static class PhoneMask
{
    public static string Mask(string? phone)
    {
        if (string.IsNullOrEmpty(phone))
        {
            return "(none)";
        }

        var digits = phone.Length;
        if (digits <= 6)
        {
            return new string('*', digits);
        }

        var keepStart = Math.Min(6, digits - 4);
        return string.Concat(phone.AsSpan(0, keepStart), new string('*', digits - keepStart - 4), phone.AsSpan(digits - 4));
    }
}

using PhoneNumbers;

namespace Outreach.Telephony.PhoneNumbers;

/// <summary>
/// Turns phone numbers as clerks type them (138 0013 8000, +86-138-0013-8000, 008613800138000,
/// 0571-8888 0000) into E.164, with a default region for numbers written without a country code.
/// </summary>
public sealed class PhoneNumberParser(string defaultRegion = "CN")
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    public string DefaultRegion { get; } = defaultRegion;

    public PhoneNumberParseResult Parse(string? raw)
    {
        if (string.IsNullOrWhiteSpace(raw))
        {
            return new(null, "phone is empty", false);
        }

        var text = raw.Trim();
        // International prefix written as 00 (common in exported archives) means '+'.
        if (text.StartsWith("00", StringComparison.Ordinal))
        {
            text = "+" + text[2..];
        }

        PhoneNumber number;
        try
        {
            number = Util.Parse(text, DefaultRegion);
        }
        catch (NumberParseException ex)
        {
            return new(null, $"phone {raw.Trim()} is not a phone number ({Describe(ex.ErrorType)})", false);
        }

        switch (Util.IsPossibleNumberWithReason(number))
        {
            case PhoneNumberUtil.ValidationResult.TOO_SHORT:
                return new(null, $"phone {raw.Trim()} is too short", false);
            case PhoneNumberUtil.ValidationResult.TOO_LONG:
                return new(null, $"phone {raw.Trim()} is too long", false);
            case PhoneNumberUtil.ValidationResult.INVALID_COUNTRY_CODE:
                return new(null, $"phone {raw.Trim()} has an unknown country code", false);
        }

        if (!Util.IsValidNumber(number))
        {
            return new(null, $"phone {raw.Trim()} {DescribeInvalid(number)}", false);
        }

        var type = Util.GetNumberType(number);
        var isMobile = type is PhoneNumberType.MOBILE or PhoneNumberType.FIXED_LINE_OR_MOBILE;
        return new(Util.Format(number, PhoneNumberFormat.E164), null, isMobile);
    }

    /// <summary>Possible but not valid: compare with the region's mobile numbers, the usual intent of a short entry.</summary>
    private static string DescribeInvalid(PhoneNumber number)
    {
        var region = Util.GetRegionCodeForCountryCode(number.CountryCode);
        var example = Util.GetExampleNumberForType(region, PhoneNumberType.MOBILE);
        if (example is not null)
        {
            var expected = Util.GetNationalSignificantNumber(example).Length;
            var actual = Util.GetNationalSignificantNumber(number).Length;
            if (actual < expected)
            {
                return "is too short";
            }

            if (actual > expected)
            {
                return "is too long";
            }
        }

        return "is not a valid number";
    }

    private static string Describe(ErrorType type) => type switch
    {
        ErrorType.NOT_A_NUMBER => "no digits",
        ErrorType.TOO_SHORT_NSN or ErrorType.TOO_SHORT_AFTER_IDD => "too short",
        ErrorType.TOO_LONG => "too long",
        ErrorType.INVALID_COUNTRY_CODE => "unknown country code",
        _ => type.ToString(),
    };
}

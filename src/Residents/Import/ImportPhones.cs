using System.Globalization;
using Outreach.Telephony.PhoneNumbers;

namespace Outreach.Residents.Import;

/// <summary>
/// Reads the phones of one import. libphonenumber's checks are the costliest part of reading a row, so with the
/// default region CN a plain 11-digit mobile (13800138000) whose number block (its first seven digits, which decide
/// whether libphonenumber calls it a valid mobile) already gave a valid mobile is written as +86 and its digits
/// without asking again; the first number of each block, and every other number, goes through the parser.
/// </summary>
internal sealed class ImportPhones(PhoneNumberParser parser)
{
    private const int BlockDigits = 7;
    private readonly bool china = string.Equals(parser.DefaultRegion, "CN", StringComparison.OrdinalIgnoreCase);
    private readonly HashSet<int> mobileBlocks = [];

    public PhoneNumberParseResult Parse(string? text)
    {
        if (!china || text is not { Length: 11 } || text[0] != '1' || !text.All(char.IsAsciiDigit))
        {
            return parser.Parse(text);
        }

        var block = int.Parse(text.AsSpan(0, BlockDigits), NumberStyles.None, CultureInfo.InvariantCulture);
        if (mobileBlocks.Contains(block))
        {
            return new PhoneNumberParseResult("+86" + text, null, IsMobile: true);
        }

        var result = parser.Parse(text);
        if (result is { E164: { } e164, IsMobile: true } && e164.Length == 14 && e164.StartsWith("+86", StringComparison.Ordinal) && e164.EndsWith(text, StringComparison.Ordinal))
        {
            mobileBlocks.Add(block);
        }

        return result;
    }
}

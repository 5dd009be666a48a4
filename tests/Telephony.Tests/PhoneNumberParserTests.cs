using Outreach.Telephony.PhoneNumbers;

namespace Outreach.Telephony.Tests;

public sealed class PhoneNumberParserTests
{
    private readonly PhoneNumberParser parser = new("CN");

    [Theory]
    [InlineData("138 0013 8000", "+8613800138000")]
    [InlineData("+86-138-0013-8000", "+8613800138000")]
    [InlineData("008613800138000", "+8613800138000")]
    [InlineData("0571-8888 0000", "+8657188880000")]
    public void Normalises_clerk_written_numbers_to_E164(string raw, string expected)
        => Assert.Equal(expected, parser.Parse(raw).E164);

    [Fact]
    public void Too_short_number_is_rejected_with_a_reason_a_clerk_reads()
    {
        var result = parser.Parse("1380013");
        Assert.False(result.IsValid);
        Assert.Equal("phone 1380013 is too short", result.Error);
    }

    [Fact]
    public void Masks_all_but_prefix_and_last_four_digits()
        => Assert.Equal("+86138****8000", PhoneMask.Mask("+8613800138000"));
}

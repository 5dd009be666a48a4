using System.Globalization;
using Outreach.Residents.Import;
using Outreach.Telephony.PhoneNumbers;

namespace Outreach.Residents.Tests.Import;

/// <summary>The import's shortcut for plain CN mobiles gives what libphonenumber gives, number for number.</summary>
public sealed class ImportPhonesTests
{
    private static readonly PhoneNumberParser Parser = new("CN");

    [Fact]
    public void Eleven_digit_numbers_read_as_the_parser_reads_them_in_every_block()
    {
        var phones = new ImportPhones(Parser);
        var random = new Random(3);
        for (var prefix = 1000; prefix <= 1999; prefix++)
        {
            for (var block = 0; block < 3; block++)
            {
                var blockDigits = prefix.ToString(CultureInfo.InvariantCulture) + random.Next(1000).ToString("D3", CultureInfo.InvariantCulture);
                for (var number = 0; number < 4; number++)
                {
                    var text = blockDigits + random.Next(10_000).ToString("D4", CultureInfo.InvariantCulture);
                    Assert.Equal(Parser.Parse(text), phones.Parse(text));
                }
            }
        }
    }

    [Theory]
    [InlineData("17400123456", "17406123456")]
    [InlineData("13800138000", "12000138000")]
    [InlineData("13800138000", "1380013800")]
    [InlineData("13800138000", "138001380001")]
    [InlineData("13800138000", "１3800138001")]
    [InlineData("13800138000", "+8613800138001")]
    public void A_number_after_a_valid_mobile_still_gets_its_own_verdict(string first, string second)
    {
        var phones = new ImportPhones(Parser);
        Assert.Equal(Parser.Parse(first), phones.Parse(first));
        Assert.Equal(Parser.Parse(second), phones.Parse(second));
    }

    [Fact]
    public void Other_regions_always_ask_the_parser()
    {
        var us = new PhoneNumberParser("US");
        var phones = new ImportPhones(us);
        Assert.Equal(us.Parse("13800138000"), phones.Parse("13800138000"));
        Assert.Equal(us.Parse("13800138001"), phones.Parse("13800138001"));
    }
}

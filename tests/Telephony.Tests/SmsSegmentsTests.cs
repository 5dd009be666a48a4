using Outreach.Telephony.Messaging;

namespace Outreach.Telephony.Tests;

public sealed class SmsSegmentsTests
{
    [Theory]
    [InlineData(160, "GSM-7", 1)]
    [InlineData(161, "GSM-7", 2)]
    [InlineData(306, "GSM-7", 2)]
    [InlineData(307, "GSM-7", 3)]
    public void Gsm7_segments_are_160_single_then_153(int length, string encoding, int segments)
    {
        var measured = SmsSegments.Measure(new string('a', length));
        Assert.Equal(encoding, measured.Encoding);
        Assert.Equal(segments, measured.Segments);
    }

    [Theory]
    [InlineData(70, 1)]
    [InlineData(71, 2)]
    [InlineData(134, 2)]
    [InlineData(135, 3)]
    public void Chinese_text_is_ucs2_70_single_then_67(int length, int segments)
    {
        var measured = SmsSegments.Measure(new string('通', length));
        Assert.Equal("UCS-2", measured.Encoding);
        Assert.Equal(segments, measured.Segments);
    }

    [Fact]
    public void Extension_characters_cost_two_septets()
        => Assert.Equal(2, SmsSegments.Measure(new string('€', 81)).Segments);
}

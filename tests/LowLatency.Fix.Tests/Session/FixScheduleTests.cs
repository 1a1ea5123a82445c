using LowLatency.Fix.Session;

namespace LowLatency.Fix.Tests.Session;

/// <summary>The session window: daytime and overnight windows, the days they open on, and clear errors for bad settings.</summary>
public sealed class FixScheduleTests
{
    private static DateTime Utc(int day, int hour, int minute) => new(2026, 11, day, hour, minute, 0, DateTimeKind.Utc); // 2026-11-30 is a Monday

    [Test]
    public void A_daytime_window_on_weekdays_is_open_inside_it_only()
    {
        var schedule = FixSchedule.Parse("08:00", "17:30", "Mon-Fri");
        Assert.Multiple(() =>
        {
            Assert.That(schedule.WindowStart(Utc(30, 9, 0)), Is.EqualTo(Utc(30, 8, 0)), "Monday morning");
            Assert.That(schedule.IsOpen(Utc(30, 7, 59)), Is.False, "before the start");
            Assert.That(schedule.IsOpen(Utc(30, 17, 30)), Is.False, "the end is exclusive");
            Assert.That(schedule.IsOpen(Utc(29, 12, 0)), Is.False, "Sunday");
        });
    }

    [Test]
    public void An_overnight_window_belongs_to_the_day_it_opened()
    {
        var schedule = FixSchedule.Parse("22:00", "21:00", "Sun-Thu");
        Assert.Multiple(() =>
        {
            Assert.That(schedule.WindowStart(Utc(29, 23, 0)), Is.EqualTo(Utc(29, 22, 0)), "Sunday evening opens the week");
            Assert.That(schedule.WindowStart(Utc(30, 20, 59)), Is.EqualTo(Utc(29, 22, 0)), "Monday afternoon is still Sunday's window");
            Assert.That(schedule.IsOpen(Utc(30, 21, 30)), Is.False, "the daily break");
            Assert.That(schedule.IsOpen(Utc(28, 23, 0)), Is.False, "Saturday does not open");
        });
    }

    [Test]
    public void Equal_times_on_every_day_are_always_open_and_bad_settings_say_why()
    {
        Assert.That(FixSchedule.Parse("00:00", "00:00", null).IsAlways, Is.True);
        Assert.That(FixSchedule.Always.IsOpen(Utc(28, 3, 0)), Is.True);
        Assert.That(() => FixSchedule.Parse("8am", "17:00", null), Throws.TypeOf<FormatException>().With.Message.Contains("HH:mm"));
        Assert.That(() => FixSchedule.Parse("08:00", "17:00", "Mon-Funday"), Throws.TypeOf<FormatException>().With.Message.Contains("Funday"));
    }
}

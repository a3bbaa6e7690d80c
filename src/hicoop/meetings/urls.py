from django.urls import path

from hicoop.meetings.views import agenda, decisions, meetings, sessions

app_name = "meetings"
urlpatterns = [
    path("", meetings.meeting_list, name="list"),
    path("new/", meetings.meeting_form, name="create"),
    path("<int:pk>/", meetings.meeting_detail, name="detail"),
    path("<int:pk>/edit/", meetings.meeting_form, name="edit"),
    path("<int:pk>/status/<str:action>/", meetings.meeting_status, name="status"),
    path("<int:pk>/delegates/", meetings.invite, name="invite"),
    path("<int:pk>/delegates/<int:delegate>/rsvp/", meetings.rsvp, name="rsvp"),
    path(
        "<int:pk>/delegates/<int:delegate>/availability/",
        sessions.availability,
        name="availability",
    ),
    path("<int:pk>/topics/", meetings.propose, name="propose"),
    path("<int:pk>/topics/<int:topic>/<str:action>/", meetings.decide_topic, name="decide-topic"),
    path("<int:pk>/documents/", meetings.upload, name="upload"),
    path("<int:pk>/minutes/", meetings.minutes, name="minutes"),
    path("<int:pk>/agenda/", agenda.agenda_page, name="agenda"),
    path("<int:pk>/agenda/<str:op>/", agenda.agenda_op, name="agenda-op"),
    path("<int:pk>/agenda/entries/<int:entry>/<str:op>/", agenda.entry_op, name="entry-op"),
    path("<int:pk>/agenda.<str:fmt>", agenda.agenda_export, name="agenda-export"),
    path("<int:pk>/sessions/", sessions.sessions_page, name="sessions"),
    path("<int:pk>/sessions/slots/", sessions.add_slots, name="add-slots"),
    path("<int:pk>/sessions/request/", sessions.new_request, name="request"),
    path("<int:pk>/sessions/requests/<int:req>/<str:op>/", sessions.request_op, name="request-op"),
    path("<int:pk>/sessions/run/", sessions.run_schedule, name="run-schedule"),
    path("<int:pk>/sessions/publish/", sessions.publish, name="publish"),
    path("<int:pk>/sessions/lock/<int:placement>/", sessions.lock, name="lock"),
    path("<int:pk>/schedule/", sessions.my_schedule, name="my-schedule"),
    path("<int:pk>/schedule/<int:delegate>/", sessions.delegate_schedule, name="schedule"),
    path(
        "<int:pk>/schedule/<int:delegate>.<str:fmt>", sessions.schedule_file, name="schedule-file"
    ),
    path("<int:pk>/decisions/", decisions.decision_list, name="decisions"),
    path("decisions/<int:pk>/", decisions.decision_detail, name="decision"),
    path("decisions/<int:pk>/execute/", decisions.execute, name="execute"),
    path("decisions/<int:pk>/actions/", decisions.add_action, name="add-action"),
    path("actions/", decisions.action_list, name="actions"),
    path("actions/<int:pk>/done/", decisions.complete, name="complete"),
]

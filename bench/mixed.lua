-- wrk script for bench/bench.py: a mix of requests by many people, timed per endpoint.
--
-- BENCH_CONFIG names a file written by bench.py, one line per entry, fields split by tabs:
--   csrf    <token>                          the CSRF cookie and header every person sends
--   person  <session key>                    one per signed-in person
--   kind    <name> <weight> <method> <path> <signed in: 1 or 0>
-- Each wrk thread deals its requests from a deck holding every kind <weight> times, shuffled,
-- and picks a random person for each one. POSTs create an episode "now" through the API.
--
-- Run with as many threads as connections (-tN -cN): a thread then has one connection, so
-- its request and response alternate and the time between them is that request's latency.
-- Thread N writes one line per response to the file BENCH_OUT.N: the kind's number (its
-- place among the kind lines, from 1), the latency in microseconds and the status. (wrk
-- 4.1's thread:get() crashes on tables, so the threads cannot hand their figures to done().)

local ffi = require("ffi")
ffi.cdef([[
typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
int clock_gettime(int clock_id, bench_timespec *tp);
]])
local CLOCK_MONOTONIC = 1
local clock = ffi.new("bench_timespec")

local function now_us()
    ffi.C.clock_gettime(CLOCK_MONOTONIC, clock)
    return tonumber(clock.tv_sec) * 1000000 + tonumber(clock.tv_nsec) / 1000
end

local function read_config()
    local config = { csrf = "", people = {}, kinds = {} }
    for line in io.lines(os.getenv("BENCH_CONFIG")) do
        local fields = {}
        for field in line:gmatch("[^\t]+") do
            fields[#fields + 1] = field
        end
        if fields[1] == "csrf" then
            config.csrf = fields[2]
        elseif fields[1] == "person" then
            config.people[#config.people + 1] = fields[2]
        elseif fields[1] == "kind" then
            config.kinds[#config.kinds + 1] = {
                name = fields[2], weight = tonumber(fields[3]), method = fields[4],
                path = fields[5], personal = fields[6] == "1",
            }
        end
    end
    return config
end

local counter = 0

function setup(thread)
    counter = counter + 1
    thread:set("thread_number", counter)
end

local config, deck, position, current, started, out
local BODY = '{"locations": ["eyelid"], "side": "left", "intensity": 3, "triggers": ["stress"]}'

function init(args)
    config = read_config()
    out = assert(io.open(os.getenv("BENCH_OUT") .. "." .. thread_number, "w"))
    out:setvbuf("full", 65536)
    math.randomseed(1000 + thread_number)
    deck = {}
    for index, kind in ipairs(config.kinds) do
        for _ = 1, kind.weight do
            deck[#deck + 1] = index
        end
    end
    for i = #deck, 2, -1 do
        local j = math.random(i)
        deck[i], deck[j] = deck[j], deck[i]
    end
    position = math.random(#deck)
end

function request()
    position = position % #deck + 1
    current = deck[position]
    local kind = config.kinds[current]
    local headers, body = {}, nil
    if kind.personal then
        local session = config.people[math.random(#config.people)]
        headers["Cookie"] = "sessionid=" .. session .. "; csrftoken=" .. config.csrf
    end
    if kind.method == "POST" then
        headers["X-CSRFToken"] = config.csrf
        headers["Content-Type"] = "application/json"
        body = BODY
    end
    started = now_us()
    return wrk.format(kind.method, kind.path, headers, body)
end

function response(status, headers, body)
    out:write(current, " ", math.floor(now_us() - started + 0.5), " ", status, "\n")
end

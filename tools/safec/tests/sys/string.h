int sys_thing;
